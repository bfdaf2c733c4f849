package dev.steward.module.command;

import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.remote.BecomeException;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code shell}: runs a command line through {@code /bin/sh}, with pipes, redirections and variables. */
public final class ShellModule implements Module {

    private static final ModuleSpec SPEC;

    static {
        List<Param> params = new ArrayList<>();
        params.add(Param.required("cmd", ParamType.STRING, "the command line, run by /bin/sh -c"));
        params.add(Param.optional("executable", ParamType.PATH, "the shell to use instead of /bin/sh"));
        params.addAll(RunCommand.COMMON);
        SPEC = new ModuleSpec("Runs a command line through a shell on the host.", params, Optional.of("cmd"),
                List.of(), List.of());
    }

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        String cmd = call.args().required("cmd");
        String shell = call.args().string("executable").orElse("/bin/sh");
        return RunCommand.plan(call, ShellQuote.quote(shell) + " -c " + ShellQuote.quote(cmd), cmd);
    }
}
