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
import java.util.stream.Collectors;

/** {@code command}: runs a program with arguments, no shell: pipes, redirections and $VARS are not read. */
public final class CommandModule implements Module {

    private static final ModuleSpec SPEC;

    static {
        List<Param> params = new ArrayList<>();
        params.add(Param.optional("cmd", ParamType.STRING, "the program and its arguments, split like a shell would"));
        params.add(Param.optional("argv", ParamType.LIST, "the program and its arguments as a list, no splitting"));
        params.addAll(RunCommand.COMMON);
        SPEC = new ModuleSpec("Runs a program on the host, without a shell.", params, Optional.of("cmd"),
                List.of(List.of("cmd", "argv")), List.of(List.of("cmd", "argv")));
    }

    @Override
    public String name() {
        return "command";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        List<String> words = call.args().stringList("argv").orElse(null);
        if (words == null) {
            words = Words.split(call.args().required("cmd"));
        }
        if (words.isEmpty()) {
            throw new ModuleFailure("command: nothing to run");
        }
        String line = words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
        return RunCommand.plan(call, line, String.join(" ", words));
    }
}
