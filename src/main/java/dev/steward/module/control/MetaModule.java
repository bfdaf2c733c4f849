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

/**
 * {@code meta}: steers the run itself ({@code flush_handlers}, {@code end_play}, {@code end_host},
 * {@code noop}). The play runner carries these out; this class only declares the parameters.
 */
public final class MetaModule implements Module {

    public static final List<String> ACTIONS = List.of("flush_handlers", "end_play", "end_host", "noop");

    private static final ModuleSpec SPEC = new ModuleSpec("Steers the run: flush_handlers, end_play, end_host, noop.",
            List.of(Param.required("action", ParamType.STRING, "what to do").choices(ACTIONS.toArray(String[]::new))),
            Optional.of("action"), List.of(), List.of());

    @Override
    public String name() {
        return "meta";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure {
        throw new ModuleFailure("meta is carried out by the play runner");
    }
}
