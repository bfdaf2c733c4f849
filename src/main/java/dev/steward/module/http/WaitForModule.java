package dev.steward.module.http;

import dev.steward.module.Args;
import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code wait_for}: waits, on the host, until a TCP port answers or stops answering (the host's own
 * or another address, tested from the host with bash's {@code /dev/tcp}), a path exists or is gone,
 * or a file has a line matching {@code search_regex}. One remote command polls; a timeout fails
 * with a message naming what was waited for. It never changes anything, so it waits in check mode too.
 */
public final class WaitForModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec(
            "Waits until a port answers or not, a path exists or not, or a file has a line matching.", List.of(
            Param.optional("host", ParamType.STRING, "the address whose port is tested, from the host (default 127.0.0.1)"),
            Param.optional("port", ParamType.INT, "the TCP port"),
            Param.optional("path", ParamType.PATH, "a path on the host"),
            Param.optional("state", ParamType.STRING,
                    "started/present (default), stopped/absent; open and closed mean started and stopped")
                    .choices("started", "stopped", "present", "absent", "open", "closed"),
            Param.optional("search_regex", ParamType.STRING,
                    "with path: wait for a line matching this regular expression (Perl syntax)"),
            Param.optional("timeout", ParamType.INT, "seconds to wait at most (default 300)"),
            Param.optional("delay", ParamType.INT, "seconds to wait before the first test (default 0)"),
            Param.optional("sleep", ParamType.INT, "seconds between tests (default 1)"),
            Param.optional("connect_timeout", ParamType.INT, "seconds one connection attempt may take (default 5)"),
            Param.optional("msg", ParamType.STRING, "the message when the wait times out")),
            Optional.empty(), List.of(List.of("port", "path")), List.of());

    @Override
    public String name() {
        return "wait_for";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        long timeout = nonNegative(args, "timeout", 300);
        long delay = nonNegative(args, "delay", 0);
        long sleep = Math.max(1, nonNegative(args, "sleep", 1));
        long connectTimeout = Math.max(1, nonNegative(args, "connect_timeout", 5));
        String state = switch (args.string("state").orElse("started")) {
            case "open", "present" -> "started";
            case "closed", "absent" -> "stopped";
            default -> args.string("state").orElse("started");
        };
        boolean wantUp = state.equals("started");
        Optional<String> regex = args.string("search_regex");
        String test;
        String what;
        if (args.has("port")) {
            long port = args.integer("port").orElseThrow();
            if (port < 1 || port > 65535) {
                throw new ModuleFailure("wait_for: port " + port + " is not between 1 and 65535");
            }
            if (regex.isPresent()) {
                throw new ModuleFailure("wait_for: search_regex works with path, not port");
            }
            String host = args.string("host").orElse("127.0.0.1");
            if (!host.matches("[A-Za-z0-9.:_\\[\\]-]+")) {
                throw new ModuleFailure("wait_for: '" + host + "' is not a host name or address");
            }
            test = "timeout " + connectTimeout + " bash -c 'exec 3<>\"/dev/tcp/$0/$1\"' " + ShellQuote.quote(host) + " "
                    + port + " 2>/dev/null";
            what = "port " + host + ":" + port + (wantUp ? " to answer" : " to stop answering");
        } else if (args.has("path")) {
            String path = args.required("path");
            String p = ShellQuote.quote(path);
            if (regex.isPresent()) {
                if (!wantUp) {
                    throw new ModuleFailure("wait_for: search_regex waits for a match to appear (state: present)");
                }
                test = "grep -Pq -- " + ShellQuote.quote(regex.get()) + " " + p + " 2>/dev/null";
                what = "a line matching '" + regex.get() + "' in " + path;
            } else {
                test = "[ -e " + p + " ]";
                what = path + (wantUp ? " to exist" : " to be gone");
            }
        } else {
            if (regex.isPresent()) {
                throw new ModuleFailure("wait_for: search_regex needs path");
            }
            Thread.sleep((delay + timeout) * 1000);
            return new Plan.Unchanged(Result.ok("waited " + (delay + timeout) + " s").with("elapsed", delay + timeout));
        }
        String condition = wantUp ? test : "! { " + test + "; }";
        String script = "start=$(date +%s); sleep " + delay + "; end=$(( $(date +%s) + " + timeout + " )); "
                + "while :; do if " + condition + "; then echo \"elapsed=$(( $(date +%s) - start ))\"; exit 0; fi; "
                + "if [ $(date +%s) -ge $end ]; then echo \"elapsed=$(( $(date +%s) - start ))\"; exit 124; fi; "
                + "sleep " + sleep + "; done";
        CommandResult r = call.probe().query(script);
        long elapsed = r.stdout().lines().filter(l -> l.startsWith("elapsed=")).findFirst()
                .map(l -> Long.parseLong(l.substring(8).strip())).orElse(0L);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("elapsed", elapsed);
        args.string("path").ifPresent(p -> data.put("path", p));
        args.integer("port").ifPresent(p -> data.put("port", p));
        data.put("state", state);
        if (r.exitCode() == 124) {
            String msg = args.string("msg").orElse("Timeout when waiting for " + what + " (waited " + timeout
                    + " s, from " + call.probe().host() + ")");
            throw new ModuleFailure(msg, data);
        }
        if (r.exitCode() != 0) {
            throw new ModuleFailure("wait_for could not test " + what + ": " + r.stderr().strip(),
                    Map.of("rc", (long) r.exitCode(), "stderr", r.stderr()));
        }
        return new Plan.Unchanged(new Result(false, "waited " + elapsed + " s for " + what, data));
    }

    private static long nonNegative(Args args, String name, long fallback) throws ModuleFailure {
        long v = args.integer(name).orElse(fallback);
        if (v < 0) {
            throw new ModuleFailure("wait_for: '" + name + "' must not be negative");
        }
        return v;
    }
}
