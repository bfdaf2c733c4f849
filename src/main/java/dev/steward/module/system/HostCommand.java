package dev.steward.module.system;

import dev.steward.module.ModuleFailure;
import dev.steward.remote.Apply;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.Probe;
import dev.steward.transport.TransportException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One remote command of a system module that must succeed: on failure the message names the host,
 * what was being done, the end of stderr and what to do next; rc and stderr go into the details.
 */
public final class HostCommand {

    private HostCommand() {
    }

    /** Runs a mutating command; {@code stdin} (may be null) carries secrets, never the command line. */
    public static CommandResult run(Apply host, String commandLine, String stdin, String what, String hint)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        CommandResult r = host.run(commandLine,
                stdin == null ? null : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return expect(host, r, what, hint);
    }

    /** Runs a read-only question that must succeed. */
    public static CommandResult query(Probe host, String commandLine, String what, String hint)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        return expect(host, host.query(commandLine), what, hint);
    }

    private static CommandResult expect(Probe host, CommandResult r, String what, String hint) throws ModuleFailure {
        if (r.exitCode() != 0) {
            throw failure(host, r, what, hint);
        }
        return r;
    }

    public static ModuleFailure failure(Probe host, CommandResult r, String what, String hint) {
        String err = tail(r.stderr().isBlank() ? r.stdout() : r.stderr());
        return new ModuleFailure(host.host() + ": cannot " + what + " (exit code " + r.exitCode() + ")"
                + (err.isEmpty() ? "" : ": " + err) + (hint == null || hint.isEmpty() ? "" : "; " + hint),
                Map.of("rc", (long) r.exitCode(), "stderr", r.stderr()));
    }

    /** The last few lines of a command's output, where tools put the reason. */
    static String tail(String text) {
        String[] lines = text.strip().split("\n");
        int from = Math.max(0, lines.length - 3);
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, from, lines.length)).strip();
    }

    /** Parses {@code key=value} lines; later keys win. */
    public static Map<String, String> keyValues(String stdout) {
        Map<String, String> kv = new java.util.LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return kv;
    }
}
