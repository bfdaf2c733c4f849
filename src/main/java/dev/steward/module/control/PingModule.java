package dev.steward.module.control;

import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.transport.TransportException;
import java.util.List;
import java.util.Optional;

/** {@code ping}: proves the host answers a command (and sudo, with {@code become}); answers "pong". */
public final class PingModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Checks the host runs commands (and sudo, with become).",
            List.of(), Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "ping";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        CommandResult r = call.probe().query("echo pong; id -un");
        String[] lines = r.stdout().strip().split("\n");
        if (r.exitCode() != 0 || lines.length < 2 || !lines[0].equals("pong")) {
            throw new ModuleFailure("the host did not answer 'pong': " + r.stderr().strip());
        }
        return new Plan.Unchanged(Result.ok("pong (as " + lines[1] + ")").with("user", lines[1]));
    }
}
