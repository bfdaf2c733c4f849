package dev.steward.exec;

import dev.steward.module.Args;
import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.playbook.Expr;
import dev.steward.playbook.Play;
import dev.steward.playbook.Task;
import dev.steward.remote.Apply;
import dev.steward.remote.Become;
import dev.steward.remote.BecomeException;
import dev.steward.report.HostResult;
import dev.steward.report.Status;
import dev.steward.source.YNode;
import dev.steward.template.TemplateError;
import dev.steward.transport.TransportException;
import dev.steward.vars.Vars;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one task on one host: conditions, rendering, probe → plan → apply (the engine, not the
 * module, decides whether to apply), and {@code register}. Never throws: every outcome is a result.
 */
final class TaskRunner {

    private static final int STDERR_TAIL = 800;

    private final RunContext run;

    TaskRunner(RunContext run) {
        this.run = run;
    }

    HostResult run(Play play, Task task, HostState host) {
        long start = System.nanoTime();
        Outcome outcome = attempt(play, task, host);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        task.register().ifPresent(name -> host.register(name, outcome.registered()));
        if (outcome.status() == Status.UNREACHABLE) {
            host.markUnreachable();
        } else if (outcome.status() == Status.FAILED) {
            host.markFailed();
        }
        return new HostResult(host.name(), task.title(), task.module(), outcome.status(), outcome.message(),
                outcome.data(), took, false);
    }

    private record Outcome(Status status, String message, Map<String, Object> data) {
        Map<String, Object> registered() {
            Map<String, Object> r = new LinkedHashMap<>(data);
            r.putIfAbsent("changed", status == Status.CHANGED);
            r.putIfAbsent("failed", status == Status.FAILED);
            r.putIfAbsent("skipped", status == Status.SKIPPED);
            r.putIfAbsent("msg", message);
            return r;
        }
    }

    private Outcome attempt(Play play, Task task, HostState host) {
        String where = task.module() + " (" + task.location() + ")";
        try {
            Vars vars = host.vars(run.settings().extraVars());
            for (Expr cond : task.when()) {
                if (!run.templates().condition(cond.text(), vars, cond.where())) {
                    return new Outcome(Status.SKIPPED, "condition false: " + cond.text(), Map.of());
                }
            }
            Module module = run.modules().find(task.module()).orElseThrow();
            Object rendered = render(task.args(), vars);
            Args args = Args.of(task.module(), module.spec(), rendered);
            Apply remote = host.session().orElseThrow().view(become(play, task, host), run.settings().commandTimeout());
            Plan plan = module.plan(new ModuleCall(args, remote, new PlaybookFiles(run, vars, task)));
            Result result = plan instanceof Plan.Change change ? change.action().apply(remote)
                    : ((Plan.Unchanged) plan).result();
            return new Outcome(result.changed() ? Status.CHANGED : Status.OK, result.msg(), result.data());
        } catch (ModuleFailure e) {
            return new Outcome(Status.FAILED, failure(task, where, e.getMessage(), e.details()), e.details());
        } catch (TemplateError e) {
            return new Outcome(Status.FAILED, "task '" + task.title() + "', module " + task.module() + ": "
                    + e.describe(), Map.of());
        } catch (BecomeException e) {
            return new Outcome(Status.FAILED, "task '" + task.title() + "', module " + where + ": " + e.getMessage(),
                    Map.of());
        } catch (TransportException e) {
            return new Outcome(Status.UNREACHABLE, e.getMessage(), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Status.FAILED, "interrupted", Map.of());
        } catch (RuntimeException e) {
            return new Outcome(Status.FAILED, "task '" + task.title() + "', module " + where + ": unexpected error: "
                    + e, Map.of());
        }
    }

    /** Renders a task's parameters; each top-level one at its own location, so errors point at its line. */
    private Object render(YNode args, Vars vars) {
        if (args instanceof YNode.YMap map) {
            Map<String, Object> rendered = new LinkedHashMap<>();
            map.entries().forEach((key, e) -> rendered.put(key,
                    run.templates().evaluate(e.value().toValue(), vars, e.value().location())));
            return rendered;
        }
        return run.templates().evaluate(args.toValue(), vars, args.location());
    }

    private Optional<Become> become(Play play, Task task, HostState host) {
        boolean on = task.become().or(play::become).orElse(false);
        if (!on) {
            return Optional.empty();
        }
        String user = task.becomeUser().or(play::becomeUser).orElse("root");
        return Optional.of(new Become(user, host.host().ssh().becomePassword()));
    }

    /** Host, task, module, command, exit code and the end of stderr: everything needed to act. */
    private static String failure(Task task, String where, String message, Map<String, Object> d) {
        StringBuilder sb = new StringBuilder();
        sb.append("task '").append(task.title()).append("', module ").append(where).append(": ").append(message);
        if (d.get("cmd") != null) {
            sb.append("\n  command: ").append(d.get("cmd"));
        }
        if (d.get("rc") != null) {
            sb.append("\n  exit code: ").append(d.get("rc"));
        }
        Object err = d.get("stderr");
        if (err instanceof String s && !s.isBlank()) {
            String t = s.strip();
            sb.append("\n  stderr: ").append(t.length() > STDERR_TAIL ? "…" + t.substring(t.length() - STDERR_TAIL) : t);
        }
        return sb.toString();
    }
}
