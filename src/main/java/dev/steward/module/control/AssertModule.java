package dev.steward.module.control;

import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code assert}: every expression in {@code that} must hold, or the host fails with {@code fail_msg}. */
public final class AssertModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Fails the host unless every condition holds.", List.of(
            Param.required("that", ParamType.ANY, "a condition, or a list of conditions that must all hold"),
            Param.optional("fail_msg", ParamType.STRING, "the message when one does not hold").aliases("msg"),
            Param.optional("success_msg", ParamType.STRING, "the message when all hold"),
            Param.optional("quiet", ParamType.BOOL, "say nothing when all hold")),
            Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "assert";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure {
        Object that = call.args().raw("that");
        List<?> conditions = that instanceof List<?> l ? l : List.of(String.valueOf(that));
        for (Object c : conditions) {
            String condition = String.valueOf(c);
            boolean holds = c instanceof Boolean b ? b : call.context().test(condition);
            if (!holds) {
                String msg = call.args().string("fail_msg").orElse("assertion failed: " + condition);
                throw new ModuleFailure(msg, Map.of("assertion", condition));
            }
        }
        String msg = call.args().bool("quiet").orElse(false) ? ""
                : call.args().string("success_msg").orElse("all assertions passed");
        return new Plan.Unchanged(Result.ok(msg));
    }
}
