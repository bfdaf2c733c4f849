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

/** {@code pause}: waits a number of seconds. Never waits for a keyboard: runs must not hang in CI. */
public final class PauseModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Waits some seconds (never for a keyboard).", List.of(
            Param.optional("seconds", ParamType.INT, "how long to wait"),
            Param.optional("minutes", ParamType.INT, "how long to wait, in minutes")),
            Optional.empty(), List.of(List.of("seconds", "minutes")), List.of(List.of("seconds", "minutes")));

    @Override
    public String name() {
        return "pause";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, InterruptedException {
        long seconds = call.args().integer("seconds").orElse(0L) + 60 * call.args().integer("minutes").orElse(0L);
        if (seconds < 0) {
            throw new ModuleFailure("pause: a negative time");
        }
        Thread.sleep(seconds * 1000);
        return new Plan.Unchanged(Result.ok("paused " + seconds + " s"));
    }
}
