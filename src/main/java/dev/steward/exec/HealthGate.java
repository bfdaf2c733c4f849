package dev.steward.exec;

import dev.steward.playbook.HealthCheck;
import dev.steward.playbook.TaskOptions;
import dev.steward.remote.Apply;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import dev.steward.report.HostResult;
import dev.steward.report.Status;
import dev.steward.template.TemplateError;
import dev.steward.transport.TransportException;
import dev.steward.vars.Vars;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The gate between batches: polls one host's health check until it passes the asked number of
 * times in a row, or the time is up. From the host, the probe runs over its SSH connection (curl,
 * bash's /dev/tcp, a shell command); from the controller, in this process.
 */
final class HealthGate {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final RunContext run;

    HealthGate(RunContext run) {
        this.run = run;
    }

    /** The outcome of the gate on one host; a host that does not pass is failed by the caller. */
    HostResult check(HealthCheck gate, HostState host) {
        long start = System.nanoTime();
        String what;
        HealthCheck.Probe probe;
        try {
            probe = rendered(gate.probe(), host);
            what = probe.describe();
        } catch (TemplateError e) {
            return result(host, Status.FAILED, "health check (" + gate.location() + "): " + e.describe(), start);
        }
        long deadline = start + Duration.ofSeconds(gate.timeoutSeconds()).toNanos();
        int inARow = 0;
        String last = "";
        try {
            while (true) {
                Optional<String> failure = once(probe, gate.fromController(), host);
                inARow = failure.isEmpty() ? inARow + 1 : 0;
                last = failure.orElse("passed");
                if (inARow >= gate.successes()) {
                    return result(host, Status.OK, what + " (" + gate.successes() + " in a row)", start);
                }
                if (System.nanoTime() - deadline >= 0) {
                    return result(host, Status.FAILED, "health check: " + what + " did not pass " + gate.successes()
                            + " time(s) in a row within " + gate.timeoutSeconds() + " s (from "
                            + (gate.fromController() ? "the controller" : host.name()) + "; last: " + last + ")", start);
                }
                Thread.sleep(gate.intervalSeconds() * 1000L);
            }
        } catch (TransportException e) {
            host.markUnreachable();
            return result(host, Status.UNREACHABLE, e.getMessage(), start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(host, Status.FAILED, "interrupted", start);
        }
    }

    private HealthCheck.Probe rendered(HealthCheck.Probe p, HostState host) {
        Vars vars = host.vars(TaskOptions.NONE, Map.of(), run.settings().extraVars());
        java.util.function.UnaryOperator<String> r = s -> run.templates().render(s, vars,
                dev.steward.source.SourceLocation.UNKNOWN);
        if (p instanceof HealthCheck.Http h) {
            return new HealthCheck.Http(r.apply(h.url()), h.statuses(), h.body().map(r));
        }
        if (p instanceof HealthCheck.Tcp t) {
            return new HealthCheck.Tcp(r.apply(t.host()), r.apply(t.port()), t.open());
        }
        return new HealthCheck.Command(r.apply(((HealthCheck.Command) p).command()));
    }

    /** One probe: empty when it passed, else what was seen. */
    private Optional<String> once(HealthCheck.Probe p, boolean fromController, HostState host)
            throws TransportException, InterruptedException {
        return fromController ? fromController(p) : fromHost(p, host);
    }

    private Optional<String> fromHost(HealthCheck.Probe p, HostState host) throws TransportException,
            InterruptedException {
        Apply remote = host.session().orElseThrow().view(Optional.empty(), PROBE_TIMEOUT.multipliedBy(2));
        try {
            if (p instanceof HealthCheck.Http h) {
                CommandResult r = remote.query("curl -s --max-time " + PROBE_TIMEOUT.toSeconds()
                        + " -w '\\n%{http_code}' " + ShellQuote.quote(h.url()));
                if (r.exitCode() == 127) {
                    return Optional.of("curl is not installed on " + host.name());
                }
                String out = r.stdout();
                int nl = out.lastIndexOf('\n');
                String code = (nl < 0 ? out : out.substring(nl + 1)).strip();
                String body = nl < 0 ? "" : out.substring(0, nl);
                return judgeHttp(h, code.equals("000") ? -1 : parse(code), body);
            }
            if (p instanceof HealthCheck.Tcp t) {
                CommandResult r = remote.query("timeout 3 bash -c " + ShellQuote.quote("exec 3<>/dev/tcp/" + t.host()
                        + "/" + t.port()) + " 2>/dev/null");
                return judgeTcp(t, r.exitCode() == 0);
            }
            CommandResult r = remote.query(((HealthCheck.Command) p).command());
            return r.exitCode() == 0 ? Optional.empty() : Optional.of("exit code " + r.exitCode());
        } catch (BecomeException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Optional<String> fromController(HealthCheck.Probe p) throws InterruptedException {
        if (p instanceof HealthCheck.Http h) {
            try {
                HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build().send(
                        HttpRequest.newBuilder(URI.create(h.url())).timeout(PROBE_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                return judgeHttp(h, r.statusCode(), r.body());
            } catch (IOException | IllegalArgumentException e) {
                return judgeHttp(h, -1, String.valueOf(e.getMessage()));
            }
        }
        if (p instanceof HealthCheck.Tcp t) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(t.host(), Integer.parseInt(t.port())), 3000);
                return judgeTcp(t, true);
            } catch (IOException | NumberFormatException e) {
                return judgeTcp(t, false);
            }
        }
        try {
            Process proc = new ProcessBuilder("/bin/sh", "-c", ((HealthCheck.Command) p).command())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int code = proc.waitFor();
            return code == 0 ? Optional.empty() : Optional.of("exit code " + code);
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Optional<String> judgeHttp(HealthCheck.Http h, int status, String body) {
        if (status < 0) {
            return Optional.of("no answer");
        }
        if (!h.statuses().contains(status)) {
            return Optional.of("status " + status);
        }
        if (h.body().isPresent() && !Pattern.compile(h.body().get()).matcher(body).find()) {
            return Optional.of("status " + status + ", but the body does not match /" + h.body().get() + "/");
        }
        return Optional.empty();
    }

    private static Optional<String> judgeTcp(HealthCheck.Tcp t, boolean connected) {
        if (connected == t.open()) {
            return Optional.empty();
        }
        return Optional.of(connected ? "the port accepts connections" : "the port refuses connections");
    }

    private static int parse(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static HostResult result(HostState host, Status status, String message, long start) {
        return new HostResult(host.name(), "health check", "health_check", status, message, Map.of(),
                Duration.ofNanos(System.nanoTime() - start), false);
    }
}
