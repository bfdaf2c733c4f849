package dev.steward.module.control;

import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import java.util.List;
import java.util.Optional;

/** {@code fail}: fails the host with a message (usually with {@code when}). */
public final class FailModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Fails the host with a message.", List.of(
            Param.optional("msg", ParamType.STRING, "why")), Optional.of("msg"), List.of(), List.of());

    @Override
    public String name() {
        return "fail";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure {
        throw new ModuleFailure(call.args().string("msg").orElse("failed as requested"));
    }
}
