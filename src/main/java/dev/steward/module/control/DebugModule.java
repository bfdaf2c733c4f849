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
import java.util.Optional;

/** {@code debug}: prints a message or a variable's value; never touches the host. */
public final class DebugModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Prints a message or a variable's value.", List.of(
            Param.optional("msg", ParamType.ANY, "the message (templates allowed)"),
            Param.optional("var", ParamType.STRING, "a variable name or expression whose value to print")),
            Optional.of("msg"), List.of(List.of("msg", "var")), List.of());

    @Override
    public String name() {
        return "debug";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure {
        if (call.args().has("var")) {
            String expr = call.args().required("var");
            Object value = call.context().evaluate(expr);
            return new Plan.Unchanged(Result.ok(expr + " = " + value).with(expr, value));
        }
        Object msg = call.args().has("msg") ? call.args().raw("msg") : "Hello world!";
        return new Plan.Unchanged(Result.ok(String.valueOf(msg)).with("msg", msg));
    }
}
