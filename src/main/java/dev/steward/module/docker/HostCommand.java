package dev.steward.module.docker;

import dev.steward.module.ModuleFailure;
import dev.steward.remote.Apply;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.transport.TransportException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** A mutating step of a Docker module: run it, and fail naming what it was for, with its command, exit code and stderr. */
final class HostCommand {

    private HostCommand() {
    }

    static CommandResult run(Apply host, String what, String commandLine)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        return run(host, what, commandLine, null);
    }

    static CommandResult run(Apply host, String what, String commandLine, InputStream stdin)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        CommandResult r = host.run(commandLine, stdin);
        if (r.exitCode() != 0) {
            throw failure("cannot " + what, commandLine, r);
        }
        return r;
    }

    static ModuleFailure failure(String message, String commandLine, CommandResult r) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cmd", commandLine);
        details.put("rc", (long) r.exitCode());
        details.put("stdout", r.stdout());
        details.put("stderr", r.stderr());
        String err = r.stderr().strip();
        String last = err.isEmpty() ? "" : err.substring(err.lastIndexOf('\n') + 1);
        return new ModuleFailure(last.isEmpty() ? message : message + ": " + last, details);
    }
}
