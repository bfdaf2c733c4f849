package dev.steward.exec;

import dev.steward.module.Args;
import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.playbook.Expr;
import dev.steward.playbook.Loop;
import dev.steward.playbook.Retry;
import dev.steward.playbook.Task;
import dev.steward.remote.Apply;
import dev.steward.remote.Become;
import dev.steward.remote.BecomeException;
import dev.steward.remote.HostSession;
import dev.steward.report.HostResult;
import dev.steward.report.ItemResult;
import dev.steward.report.Status;
import dev.steward.template.TemplateError;
import dev.steward.transport.TransportException;
import dev.steward.vars.Vars;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one task on one host: conditions, loop items, retries, rendering, probe → plan → apply
 * (the engine, not the module, decides whether to apply: check mode stops after the plan),
 * changed_when / failed_when, ignore_errors, register and set_fact, no_log. Never throws: every
 * outcome is a result.
 */
final class TaskRunner {

    static final String HIDDEN = "the output has been hidden due to 'no_log: true'";
    private static final int STDERR_TAIL = 800;

    private final RunContext run;
    private final Sessions sessions;

    TaskRunner(RunContext run, Sessions sessions) {
        this.run = run;
        this.sessions = sessions;
    }

    /** The outcome of one module run (or one loop item's), before it becomes a reported result. */
    private record Outcome(Status status, String message, Map<String, Object> data, Map<String, Object> setVars,
            boolean simulated, Optional<String> diff) {

        static Outcome of(Status status, String message) {
            return new Outcome(status, message, Map.of(), Map.of(), false, Optional.empty());
        }

        Outcome withStatus(Status s, String msg) {
            return new Outcome(s, msg, data, setVars, simulated, diff);
        }

        Map<String, Object> registered() {
            Map<String, Object> r = new LinkedHashMap<>(data);
            r.put("changed", status == Status.CHANGED);
            r.put("failed", status == Status.FAILED);
            r.put("skipped", status == Status.SKIPPED);
            r.putIfAbsent("msg", message);
            return r;
        }
    }

    HostResult run(Task task, HostState host) {
        long start = System.nanoTime();
        boolean noLog = task.options().noLog().orElse(false);
        Outcome outcome;
        try {
            outcome = task.loop().isPresent() ? loop(task, host, task.loop().get(), noLog) : single(task, host, Map.of());
        } catch (TemplateError e) {
            outcome = Outcome.of(Status.FAILED, "task '" + task.title() + "', module " + task.module() + ": "
                    + e.describe());
        }
        boolean ignored = outcome.status() == Status.FAILED && task.options().ignoreErrors().orElse(false);
        Outcome done = outcome;
        task.register().ifPresent(name -> host.register(name, done.registered()));
        outcome.setVars().forEach(host::register);
        if (outcome.status() == Status.UNREACHABLE) {
            host.markUnreachable();
        } else if (outcome.status() == Status.FAILED && !ignored) {
            host.markFailed();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (noLog) {
            return new HostResult(host.name(), task.title(), task.module(), outcome.status(), HIDDEN, Map.of(), took,
                    ignored, outcome.simulated(), Optional.empty());
        }
        return new HostResult(host.name(), task.title(), task.module(), outcome.status(), outcome.message(),
                outcome.data(), took, ignored, outcome.simulated(), outcome.diff());
    }

    private Outcome loop(Task task, HostState host, Loop loop, boolean noLog) {
        Vars vars = vars(task, host, Map.of()); // 'when' is tested per item, with the item in scope
        Object items = run.templates().evaluate(loop.items().toValue(), vars, loop.items().location());
        if (!(items instanceof List<?> list)) {
            return Outcome.of(Status.FAILED, "task '" + task.title() + "' (" + task.location() + "): 'loop' gave "
                    + (items == null ? "nothing" : "a " + items.getClass().getSimpleName()) + ", not a list");
        }
        List<Object> results = new ArrayList<>();
        boolean changed = false;
        boolean failed = false;
        boolean allSkipped = !list.isEmpty();
        for (Object item : list) {
            Map<String, Object> loopVars = Map.of(loop.loopVar(), item);
            Outcome o = single(task, host, loopVars);
            Map<String, Object> r = new LinkedHashMap<>(o.registered());
            r.put(loop.loopVar(), item);
            results.add(r);
            String label = loop.label().map(l -> run.templates().render(l, vars(task, host, loopVars),
                    task.location())).orElse(String.valueOf(item));
            run.reporter().itemResult(new ItemResult(host.name(), task.title(), noLog ? "hidden" : label, o.status(),
                    noLog ? HIDDEN : o.message(), noLog ? Map.of() : o.data(), o.simulated(),
                    noLog ? Optional.empty() : o.diff()));
            changed |= o.status() == Status.CHANGED;
            failed |= o.status() == Status.FAILED;
            allSkipped &= o.status() == Status.SKIPPED;
            if (o.status() == Status.UNREACHABLE) {
                return o;
            }
        }
        Status status = failed ? Status.FAILED : changed ? Status.CHANGED : allSkipped ? Status.SKIPPED : Status.OK;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("results", results);
        String msg = failed ? "one or more items failed (task '" + task.title() + "', " + task.location() + ")" : "";
        return new Outcome(status, msg, data, Map.of(), false, Optional.empty());
    }

    private Vars vars(Task task, HostState host, Map<String, Object> loopVars) {
        return host.vars(task.options(), loopVars, run.settings().extraVars());
    }

    /** The first condition that does not hold, if any. */
    private Optional<Expr> falseCondition(Task task, Vars vars) {
        for (Expr cond : task.when()) {
            if (!run.templates().condition(cond.text(), vars, cond.where())) {
                return Optional.of(cond);
            }
        }
        return Optional.empty();
    }

    /** One run of the module (with its retries), for the task or one loop item. */
    private Outcome single(Task task, HostState host, Map<String, Object> loopVars) {
        Vars vars = vars(task, host, loopVars);
        try {
            Optional<Expr> unmet = falseCondition(task, vars);
            if (unmet.isPresent()) {
                return Outcome.of(Status.SKIPPED, "condition false: " + unmet.get().text());
            }
            Optional<Retry> retry = task.retry();
            int attempts = retry.map(r -> Math.max(1, r.retries() + 1)).orElse(1);
            Outcome o = null;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                Outcome now = judged(task, vars, attempt(task, host, vars));
                o = now;
                if (retry.isEmpty() || now.status() == Status.UNREACHABLE) {
                    return now;
                }
                boolean done = retry.get().until()
                        .map(u -> run.templates().condition(u.text(), bind(task, vars, now), u.where()))
                        .orElse(now.status() != Status.FAILED);
                if (done) {
                    return o;
                }
                if (attempt < attempts) {
                    run.reporter().warning("FAILED - RETRYING: [" + host.name() + "]: " + task.title() + " ("
                            + (attempts - attempt) + " retries left)");
                    Thread.sleep(retry.get().delaySeconds() * 1000L);
                }
            }
            String why = retry.get().until().map(u -> "the condition '" + u.text() + "' never held")
                    .orElse("it kept failing");
            return o.withStatus(Status.FAILED, "task '" + task.title() + "' (" + task.location() + "): gave up after "
                    + attempts + " attempts: " + why + (o.message().isEmpty() ? "" : "; last: " + o.message()));
        } catch (TemplateError e) {
            return Outcome.of(Status.FAILED, "task '" + task.title() + "', module " + task.module() + ": "
                    + e.describe());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.of(Status.FAILED, "interrupted");
        }
    }

    /** Variables with this outcome bound to the task's register name, for until / changed_when / failed_when. */
    private static Vars bind(Task task, Vars vars, Outcome o) {
        return task.register().map(name -> vars.withData(name, o.registered(), "registered")).orElse(vars);
    }

    /** Applies changed_when and failed_when, which may overrule what the module said. */
    private Outcome judged(Task task, Vars vars, Outcome o) {
        if (o.status() == Status.UNREACHABLE || o.status() == Status.SKIPPED) {
            return o;
        }
        Outcome out = o;
        if (task.changedWhen().isPresent() && out.status() != Status.FAILED) {
            Expr e = task.changedWhen().get();
            boolean changed = run.templates().condition(e.text(), bind(task, vars, out), e.where());
            out = out.withStatus(changed ? Status.CHANGED : Status.OK, out.message());
        }
        if (task.failedWhen().isPresent()) {
            Expr e = task.failedWhen().get();
            boolean failed = run.templates().condition(e.text(), bind(task, vars, out), e.where());
            if (failed) {
                out = out.withStatus(Status.FAILED, "task '" + task.title() + "' (" + task.location()
                        + "): failed_when held: " + e.text());
            } else if (out.status() == Status.FAILED) {
                out = out.withStatus(Status.OK, "");
            }
        }
        return out;
    }

    private Outcome attempt(Task task, HostState host, Vars vars) {
        String where = task.module() + " (" + task.location() + ")";
        try {
            Module module = run.modules().find(task.module()).orElseThrow();
            Object rendered = render(task.args(), vars);
            Args args = Args.of(task.module(), module.spec(), rendered);
            Apply remote = session(task, host, vars).view(become(task, host), run.settings().commandTimeout(),
                    environment(task, vars));
            PlaybookFiles files = new PlaybookFiles(run, vars, task, host.name());
            Plan plan = module.plan(new ModuleCall(args, remote, files));
            if (plan instanceof Plan.Unchanged u) {
                return result(Status.OK, u.result(), false, Optional.empty());
            }
            Plan.Change change = (Plan.Change) plan;
            boolean check = task.options().checkMode().orElse(run.settings().check());
            boolean showDiff = task.options().diff().orElse(run.settings().diff());
            Optional<String> diff = Optional.empty();
            if (showDiff && change.diff().isPresent()) {
                var d = change.diff().get();
                diff = Optional.of(UnifiedDiff.of(d.path(), readBefore(d), d.after())); // before the change, always
            }
            if (check) {
                String msg = change.certain() ? "would " + change.summary() : "may change: " + change.summary();
                return new Outcome(Status.CHANGED, msg, Map.of(), Map.of(), true, diff);
            }
            Result result = change.action().apply(remote);
            return result(result.changed() ? Status.CHANGED : Status.OK, result, false, diff);
        } catch (ModuleFailure e) {
            return new Outcome(Status.FAILED, failure(task, where, e.getMessage(), e.details()), e.details(), Map.of(),
                    false, Optional.empty());
        } catch (BecomeException e) {
            return Outcome.of(Status.FAILED, "task '" + task.title() + "', module " + where + ": " + e.getMessage());
        } catch (TransportException e) {
            return Outcome.of(Status.UNREACHABLE, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.of(Status.FAILED, "interrupted");
        } catch (TemplateError e) {
            throw e;
        } catch (RuntimeException e) {
            return Outcome.of(Status.FAILED, "task '" + task.title() + "', module " + where + ": unexpected error: "
                    + e);
        }
    }

    /** Renders a task's parameters; each top-level one at its own location, so errors point at its line. */
    private Object render(dev.steward.source.YNode args, Vars vars) {
        if (args instanceof dev.steward.source.YNode.YMap map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.entries().forEach((k, e) -> out.put(k,
                    run.templates().evaluate(e.value().toValue(), vars, e.value().location())));
            return out;
        }
        return run.templates().evaluate(args.toValue(), vars, args.location());
    }

    private static String readBefore(dev.steward.module.FileDiff d) {
        try {
            return d.before().read();
        } catch (Exception e) {
            return "(cannot read the current file: " + e.getMessage() + ")\n";
        }
    }

    private static Outcome result(Status status, Result r, boolean simulated, Optional<String> diff) {
        return new Outcome(status, r.msg(), r.data(), r.setVars(), simulated, diff);
    }

    private HostSession session(Task task, HostState host, Vars vars) throws TransportException {
        if (task.options().delegateTo().isPresent()) {
            String target = run.templates().render(task.options().delegateTo().get(), vars, task.location());
            return sessions.forHost(target);
        }
        return host.session().orElseThrow();
    }

    private static Optional<Become> become(Task task, HostState host) {
        if (!task.become().orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(new Become(task.becomeUser().orElse("root"), host.host().ssh().becomePassword()));
    }

    private Map<String, String> environment(Task task, Vars vars) throws ModuleFailure {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : task.options().environment().entrySet()) {
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ModuleFailure("'" + e.getKey() + "' is not a valid environment variable name");
            }
            Object value = run.templates().evaluate(e.getValue(), vars, task.location());
            env.put(e.getKey(), value == null ? "" : String.valueOf(value));
        }
        return env;
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
