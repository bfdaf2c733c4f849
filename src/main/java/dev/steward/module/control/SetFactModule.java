package dev.steward.module.control;

import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code set_fact}: sets variables on the host for the rest of the run, rendered now. */
public final class SetFactModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Sets variables on the host (rendered now).", List.of(),
            Optional.empty(), List.of(), List.of(), true);

    @Override
    public String name() {
        return "set_fact";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure {
        Map<String, Object> vars = new LinkedHashMap<>(call.args().all());
        for (String name : vars.keySet()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ModuleFailure("'" + name + "' is not a valid variable name");
            }
        }
        return new Plan.Unchanged(new Result(false, "set " + String.join(", ", vars.keySet()), Map.of(), vars));
    }
}
