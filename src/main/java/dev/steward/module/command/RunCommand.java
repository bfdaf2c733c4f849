package dev.steward.module.command;

import dev.steward.module.Args;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code command} and {@code shell} share: {@code creates}/{@code removes} decide from one
 * probe whether to run at all; otherwise the plan is a change that only running can confirm, so
 * check mode reports "may change" instead of skipping silently.
 */
final class RunCommand {

    static final List<Param> COMMON = List.of(
            Param.optional("chdir", ParamType.PATH, "change into this directory first"),
            Param.optional("creates", ParamType.PATH, "a path; when it exists, the command is not run"),
            Param.optional("removes", ParamType.PATH, "a path; when it does not exist, the command is not run"),
            Param.optional("stdin", ParamType.STRING, "text written to the command's standard input"));

    private RunCommand() {
    }

    static Plan plan(ModuleCall call, String commandLine, String shown)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        Optional<String> creates = args.string("creates");
        Optional<String> removes = args.string("removes");
        if (creates.isPresent() || removes.isPresent()) {
            StringBuilder q = new StringBuilder();
            creates.ifPresent(p -> q.append("if [ -e ").append(ShellQuote.quote(p)).append(" ]; then echo creates; fi; "));
            removes.ifPresent(p -> q.append("if [ ! -e ").append(ShellQuote.quote(p)).append(" ]; then echo removes; fi; "));
            String answer = call.probe().query(q + "true").stdout();
            if (answer.contains("creates")) {
                return Plan.unchanged("skipped, since " + creates.get() + " exists");
            }
            if (answer.contains("removes")) {
                return Plan.unchanged("skipped, since " + removes.get() + " does not exist");
            }
        }
        String line = args.string("chdir").map(d -> "cd " + ShellQuote.quote(d) + " && " + commandLine).orElse(commandLine);
        Optional<String> stdin = args.string("stdin");
        return new Plan.Change("run: " + shown, false, Optional.empty(), host -> {
            long start = System.nanoTime();
            CommandResult r = host.run(line, stdin.map(s -> new ByteArrayInputStream(
                    (s.endsWith("\n") ? s : s + "\n").getBytes(StandardCharsets.UTF_8))).orElse(null));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("cmd", shown);
            data.put("rc", (long) r.exitCode());
            data.put("stdout", chomp(r.stdout()));
            data.put("stderr", chomp(r.stderr()));
            data.put("stdout_lines", lines(r.stdout()));
            data.put("delta_ms", (System.nanoTime() - start) / 1_000_000);
            if (r.exitCode() != 0) {
                throw new ModuleFailure("non-zero exit code " + r.exitCode(), data);
            }
            return new Result(true, "", data);
        });
    }

    private static String chomp(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private static List<String> lines(String s) {
        String t = chomp(s);
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\n", -1));
    }
}
