package dev.steward.exec;

import dev.steward.facts.FactsException;
import dev.steward.facts.HostFacts;
import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import dev.steward.module.ModuleRegistry;
import dev.steward.playbook.Block;
import dev.steward.playbook.Expr;
import dev.steward.playbook.HostOrder;
import dev.steward.plan.HostOrdering;
import dev.steward.plan.SerialBatches;
import dev.steward.playbook.Play;
import dev.steward.playbook.Playbook;
import dev.steward.playbook.Task;
import dev.steward.playbook.TaskItem;
import dev.steward.playbook.TaskOptions;
import dev.steward.remote.BecomeException;
import dev.steward.remote.HostSession;
import dev.steward.report.HostResult;
import dev.steward.report.Recap;
import dev.steward.report.Reporter;
import dev.steward.report.Status;
import dev.steward.source.YNode;
import dev.steward.template.TemplateEngine;
import dev.steward.template.TemplateError;
import dev.steward.transport.TransportException;
import dev.steward.vars.Vars;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs a playbook with the linear strategy: every active host finishes a task before any host
 * starts the next; at most {@code forks} hosts work at once; one connection per host for the whole
 * run. Blocks route failed hosts to {@code rescue} and everyone to {@code always}; handlers run at
 * the end of each section (or at {@code meta: flush_handlers}) on the hosts that notified them.
 */
public final class PlaybookRunner implements AutoCloseable {

    private final RunContext run;
    private final TaskRunner tasks;
    private final ExecutorService forks;
    private final Connector connector;
    private final Map<String, HostState> states = new LinkedHashMap<>();
    private final Sessions sessions;
    private boolean waitingForStart;
    /** After an interruption: the first task that did not start (what --start-at-task resumes at). */
    private Optional<String> stoppedBefore = Optional.empty();
    private boolean stopped;
    /** any_errors_fatal tripped: as in Ansible, the later plays do not run either. */
    private boolean aborted;

    public PlaybookRunner(Playbook playbook, Inventory inventory, ModuleRegistry modules, TemplateEngine templates,
            Reporter reporter, Recap recap, RunSettings settings, Connector connector) {
        this.run = new RunContext(playbook, inventory, modules, templates, reporter, recap, settings, connector);
        this.connector = connector;
        this.sessions = new Sessions(inventory, connector, states);
        this.tasks = new TaskRunner(run, sessions);
        this.forks = Executors.newFixedThreadPool(Math.max(1, settings.forks()), r -> {
            Thread t = new Thread(r, "steward-fork");
            t.setDaemon(true);
            return t;
        });
        this.waitingForStart = settings.startAtTask().isPresent();
    }

    /** Runs every play on its hosts (each list already narrowed by --limit). */
    public void run(List<Map.Entry<Play, List<Host>>> plays) throws InterruptedException {
        for (Map.Entry<Play, List<Host>> entry : plays) {
            Play play = entry.getKey();
            if (stopRequested(firstTask(List.of(play.preTasks(), play.tasks(), play.postTasks()).stream()
                    .flatMap(List::stream).toList()))) {
                break;
            }
            if (aborted) {
                run.reporter().warning("any_errors_fatal: play '" + play.title() + "' not run");
                continue;
            }
            runPlay(play, entry.getValue());
        }
        if (waitingForStart) {
            run.reporter().warning("--start-at-task: no task is named '" + run.settings().startAtTask().get() + "'");
        }
    }

    /** Whether the run stopped early because it was interrupted (Ctrl-C). */
    public boolean interrupted() {
        return stopped;
    }

    /** After an interruption, the name of the first task that did not start, if any task was left. */
    public Optional<String> stoppedBefore() {
        return stoppedBefore;
    }

    /**
     * Whether an interruption was asked for; the first time, notes {@code next} (the first task that
     * will not start) for the resume hint. The step in flight has finished on every host by then.
     */
    private boolean stopRequested(Optional<String> next) {
        if (!stopped && run.settings().interruption().requested()) {
            stopped = true;
            stoppedBefore = next;
        }
        return stopped;
    }

    private static Optional<String> firstTask(List<TaskItem> items) {
        for (TaskItem item : items) {
            if (item instanceof Task t) {
                return Optional.of(t.title());
            }
            Optional<String> inside = firstTask(((Block) item).block());
            if (inside.isPresent()) {
                return inside;
            }
        }
        return Optional.empty();
    }

    /** The hosts of a run, by name, and whether each failed or was unreachable (for the retry file). */
    public List<String> hostsThatFailed() {
        return states.values().stream().filter(s -> s.failed() || s.unreachable()).map(HostState::name).toList();
    }

    /** What one play needs while it runs: its hosts and whether it was ended early. */
    private static final class PlayRun {
        final Play play;
        final List<HostState> hosts;
        /** run_once: play — the host that ran each such task and its result, shared with later batches. */
        final Map<String, Map.Entry<HostState, HostResult>> ranOnce = new HashMap<>();
        boolean ended;

        PlayRun(Play play, List<HostState> hosts) {
            this.play = play;
            this.hosts = hosts;
        }
    }

    private void runPlay(Play play, List<Host> hosts) throws InterruptedException {
        run.reporter().playStarted(play.title(), hosts.stream().map(Host::name).toList());
        List<HostState> playing = new ArrayList<>();
        for (Host h : hosts) {
            run.recap().see(h.name());
            HostState s = states.computeIfAbsent(h.name(), n -> new HostState(h));
            if (!s.unreachable() && !s.failed()) {
                s.startPlay(playVars(play, s));
                playing.add(s);
            }
        }
        connect(playing);
        boolean facts = play.gatherFacts() && (!waitingForStart || holdsStartTask(play));
        Play.Batching batching = play.batching();
        if (facts && batching.order().kind() == HostOrder.Kind.EXPRESSION) {
            gatherFacts(play, playing); // the order may be by a fact: every host's facts first
            facts = false;
        }
        List<HostState> ordered = HostOrdering.apply(batching.order(), active(playing), HostState::name,
                h -> orderValue(batching.order(), h));
        PlayRun p = new PlayRun(play, playing);
        List<List<HostState>> batches = SerialBatches.split(batching.serial(), ordered);
        for (int i = 0; i < batches.size() && !p.ended; i++) {
            List<HostState> batch = batches.get(i);
            if (facts) {
                gatherFacts(play, batch);
            }
            for (List<TaskItem> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
                items(section, batch, play.options(), p);
                flushHandlers(p, batch);
            }
            if (batching.healthCheck().isPresent() && !p.ended && !active(batch).isEmpty()) {
                run.reporter().taskStarted("Health check of the batch " + batch.stream().map(HostState::name).toList(),
                        batching.healthCheck().get().location().toString());
                HealthGate gate = new HealthGate(run);
                List<HostState> gated = active(batch);
                List<HostResult> results = onEach(gated, h -> gate.check(batching.healthCheck().get(), h));
                for (int j = 0; j < results.size(); j++) {
                    if (results.get(j).status() == Status.FAILED) {
                        gated.get(j).markFailed();
                    }
                }
                if (results.stream().anyMatch(r -> r.status() != Status.OK)) {
                    List<String> untouched = batches.subList(i + 1, batches.size()).stream().flatMap(List::stream)
                            .map(HostState::name).toList();
                    run.reporter().warning("the batch " + batch.stream().map(HostState::name).toList()
                            + " did not pass its health check; the play stops here"
                            + (untouched.isEmpty() ? "" : " and these hosts were not touched: "
                                    + String.join(", ", untouched)));
                    p.ended = true;
                    continue;
                }
            }
            if (batchFailed(batching, batch) && i + 1 < batches.size()) {
                List<String> untouched = batches.subList(i + 1, batches.size()).stream().flatMap(List::stream)
                        .map(HostState::name).toList();
                run.reporter().warning("the batch " + batch.stream().map(HostState::name).toList() + " failed"
                        + batching.maxFailPercentage().map(m -> " (more than " + m + "% of it)").orElse("")
                        + "; the play stops here and these hosts were not touched: " + String.join(", ", untouched));
                p.ended = true;
            }
        }
        for (HostState s : playing) {
            if (!s.pendingNotifications().isEmpty() && stopped) {
                run.recap().handlersNotRun(s.name(), s.pendingNotifications());
                run.reporter().warning("handlers notified on " + s.name() + " did not run because the run was "
                        + "interrupted: " + String.join(", ", s.pendingNotifications())
                        + " (a re-run will not notify them again: run what they do by hand)");
            } else if (!s.pendingNotifications().isEmpty()) {
                run.recap().handlersNotRun(s.name(), s.pendingNotifications());
                run.reporter().warning("handlers notified on " + s.name() + " did not run because the host failed: "
                        + String.join(", ", s.pendingNotifications()) + " (force_handlers or --force-handlers runs them)");
            }
        }
    }

    private void gatherFacts(Play play, List<HostState> hosts) throws InterruptedException {
        if (active(hosts).isEmpty()) {
            return;
        }
        run.reporter().taskStarted("Gathering Facts", play.location().toString());
        onEach(active(hosts), this::gatherFacts);
        for (HostState s : hosts) {
            s.startPlay(playVars(play, s)); // facts join the play's variables
        }
    }

    /** A batch stops the play when more than max_fail_percentage of it failed, or all of it without one. */
    private static boolean batchFailed(Play.Batching batching, List<HostState> batch) {
        long failed = batch.stream().filter(h -> h.failed() || h.unreachable()).count();
        if (batching.maxFailPercentage().isPresent()) {
            return failed * 100.0 / batch.size() > batching.maxFailPercentage().get();
        }
        return batching.serial().isPresent() && failed == batch.size();
    }

    /** A host's value of an {@code order} expression; a host whose value cannot be had fails, and goes last. */
    private Object orderValue(HostOrder order, HostState h) {
        Expr e = order.expression().orElseThrow();
        Vars vars = h.vars(TaskOptions.NONE, Map.of(), run.settings().extraVars());
        try {
            return run.templates().evaluate("${" + e.text() + "}", vars, e.where());
        } catch (TemplateError err) {
            HostResult r = new HostResult(h.name(), "order", "order", Status.FAILED, "the play's order: "
                    + err.describe(), Map.of(), Duration.ZERO, false);
            run.recap().count(r);
            run.reporter().hostResult(r);
            h.markFailed();
            return "\uffff";
        }
    }

    /** --start-at-task: the play that holds the task gathers its facts, which the tasks after it may use. */
    private boolean holdsStartTask(Play play) {
        String name = run.settings().startAtTask().orElseThrow();
        return List.of(play.preTasks(), play.tasks(), play.postTasks()).stream().anyMatch(l -> holds(l, name));
    }

    private static boolean holds(List<TaskItem> items, String name) {
        for (TaskItem item : items) {
            if (item instanceof Task t ? t.title().equals(name)
                    : item instanceof Block b && (holds(b.block(), name) || holds(b.rescue(), name)
                            || holds(b.always(), name))) {
                return true;
            }
        }
        return false;
    }

    /** Role defaults, inventory, facts, play vars, vars_files, role vars (extra vars go on top per task). */
    private Vars playVars(Play play, HostState s) {
        Vars v = Vars.EMPTY
                .with("role defaults", play.roleDefaults(), play.location())
                .with("inventory", run.inventory().varsFor(s.name()), s.host().location())
                .withData("facts", Map.of("facts", s.facts()))
                .with("play vars", play.vars(), play.varsLocation());
        for (Play.VarsFile f : play.varsFiles()) {
            v = v.with("vars_files", f.vars(), f.location());
        }
        return v.with("role vars", play.roleVars(), play.location());
    }

    private void items(List<TaskItem> items, List<HostState> hosts, TaskOptions outer, PlayRun p)
            throws InterruptedException {
        for (int i = 0; i < items.size(); i++) {
            TaskItem item = items.get(i);
            List<HostState> live = active(hosts);
            if (live.isEmpty() || p.ended) {
                return;
            }
            if (stopRequested(firstTask(items.subList(i, items.size())))) {
                p.ended = true;
                return;
            }
            if (item instanceof Task t) {
                task(t.inside(outer), live, p);
            } else {
                block((Block) item, live, outer, p);
            }
        }
    }

    private void block(Block b, List<HostState> hosts, TaskOptions outer, PlayRun p) throws InterruptedException {
        TaskOptions options = b.options().inside(outer);
        List<HostState> inside = hosts;
        if (b.kind() == Block.Kind.INCLUDE && !b.options().when().isEmpty()) {
            // include_tasks: its conditions decide once, when it is reached; its tasks do not re-test them
            inside = new ArrayList<>();
            for (HostState h : hosts) {
                if (includeApplies(b, h, options)) {
                    inside.add(h);
                }
            }
            options = withoutWhen(b.options()).inside(outer);
        }
        items(b.block(), inside, options, p);
        List<HostState> failed = inside.stream().filter(h -> h.failed() && !h.unreachable()).toList();
        if (!b.rescue().isEmpty() && !failed.isEmpty()) {
            failed.forEach(HostState::clearFailure);
            items(b.rescue(), failed, options, p);
            failed.stream().filter(h -> !h.failed() && !h.unreachable()).forEach(h -> run.recap().rescued(h.name()));
        }
        if (!b.always().isEmpty()) {
            List<HostState> all = inside.stream().filter(h -> !h.unreachable()).toList();
            List<HostState> wereFailed = all.stream().filter(HostState::failed).toList();
            wereFailed.forEach(HostState::clearFailure);
            items(b.always(), all, options, p);
            wereFailed.forEach(HostState::markFailed);
        }
    }

    private boolean includeApplies(Block b, HostState h, TaskOptions options) {
        Vars vars = h.vars(options, Map.of(), run.settings().extraVars());
        try {
            for (Expr e : b.options().when()) {
                if (!run.templates().condition(e.text(), vars, e.where())) {
                    return false;
                }
            }
            return true;
        } catch (TemplateError e) {
            HostResult r = new HostResult(h.name(), b.name(), "include_tasks", Status.FAILED, e.describe(), Map.of(),
                    Duration.ZERO, false);
            run.recap().count(r);
            run.reporter().hostResult(r);
            h.markFailed();
            return false;
        }
    }

    private static TaskOptions withoutWhen(TaskOptions o) {
        return new TaskOptions(List.of(), o.become(), o.becomeUser(), o.tags(), o.ignoreErrors(), o.noLog(),
                o.delegateTo(), o.runOnce(), o.checkMode(), o.diff(), o.environment(), o.vars(), o.varsLocation(),
                o.includeVars(), o.includeVarsLocation());
    }

    private void task(Task task, List<HostState> hosts, PlayRun p) throws InterruptedException {
        if (!run.settings().tags().selects(task.options().tags())) {
            return;
        }
        if (waitingForStart) {
            if (!task.title().equals(run.settings().startAtTask().get())) {
                return;
            }
            waitingForStart = false;
        }
        if (task.module().equals("meta")) {
            meta(task, hosts, p);
            return;
        }
        String onceKey = task.location() + " " + task.title();
        boolean oncePerPlay = task.options().runOnce().filter(o -> o == TaskOptions.RunOnce.PLAY).isPresent();
        if (oncePerPlay && p.ranOnce.containsKey(onceKey)) {
            // run_once: play — an earlier batch ran it: this batch shares that result
            Map.Entry<HostState, HostResult> earlier = p.ranOnce.get(onceKey);
            shareRunOnceResult(task, earlier.getKey(), hosts, earlier.getValue());
            return;
        }
        run.reporter().taskStarted(task.title(), task.location().toString());
        List<HostState> targets = task.options().runOnce().isPresent() ? hosts.subList(0, 1) : hosts;
        List<HostResult> results = onEach(targets, s -> tasks.run(task, s));
        if (oncePerPlay) {
            p.ranOnce.put(onceKey, Map.entry(targets.get(0), results.get(0)));
        }
        if (task.options().runOnce().isPresent() && hosts.size() > 1) {
            shareRunOnceResult(task, targets.get(0), hosts.subList(1, hosts.size()), results.get(0));
        }
        for (int i = 0; i < targets.size(); i++) {
            if (results.get(i).status() == Status.CHANGED && !task.notifies().isEmpty()) {
                targets.get(i).notifyHandlers(task.notifies());
            }
        }
        if (p.play.anyErrorsFatal() && results.stream().anyMatch(r -> r.status() == Status.FAILED && !r.ignored())) {
            run.reporter().warning("any_errors_fatal: a host failed '" + task.title()
                    + "'; the play ends for all hosts and the later plays do not run");
            p.ended = true;
            aborted = true;
        }
    }

    /**
     * run_once: the other hosts share the one result, its registered value and its notifications; when it
     * failed (not ignored), they fail with it, as in Ansible.
     */
    private void shareRunOnceResult(Task task, HostState ran, List<HostState> others, HostResult result) {
        for (HostState other : others) {
            task.register().ifPresent(name -> other.register(name, ran.registeredValue(name)));
            if (result.status() == Status.CHANGED && !task.notifies().isEmpty()) {
                other.notifyHandlers(task.notifies());
            }
            if (result.status() == Status.FAILED && !result.ignored()) {
                other.markFailed();
                HostResult r = new HostResult(other.name(), task.title(), task.module(), Status.FAILED,
                        "the run_once task failed on " + ran.name() + " (the result every host shares)", Map.of(),
                        Duration.ZERO, false);
                run.recap().count(r);
                run.reporter().hostResult(r);
            }
        }
    }

    private void meta(Task task, List<HostState> hosts, PlayRun p) throws InterruptedException {
        String action = task.args() instanceof YNode.YScalar s ? s.text()
                : String.valueOf(((YNode.YMap) task.args()).get("action") instanceof YNode.YScalar a ? a.text() : "");
        switch (action) {
            case "flush_handlers" -> flushHandlers(p, hosts);
            case "end_play" -> p.ended = true;
            case "end_host" -> {
                for (HostState h : hosts) {
                    Vars vars = h.vars(task.options(), Map.of(), run.settings().extraVars());
                    boolean applies = task.when().stream().allMatch(e -> run.templates().condition(e.text(), vars,
                            e.where()));
                    if (applies) {
                        h.end();
                    }
                }
            }
            default -> {
            }
        }
    }

    private void flushHandlers(PlayRun p, List<HostState> hosts) throws InterruptedException {
        if (stopped) {
            return;
        }
        boolean forced = p.play.forceHandlers() || run.settings().forceHandlers();
        for (int pass = 0; pass < 10; pass++) {
            boolean ran = false;
            // every handler answering a notification (by name or a listen topic) runs, not only the first
            Map<HostState, java.util.Set<String>> due = new LinkedHashMap<>();
            for (HostState h : hosts) {
                if (!h.unreachable() && (!h.failed() || forced)) {
                    due.put(h, h.takeNotifications());
                }
            }
            for (Task handler : p.play.handlers()) {
                List<HostState> targets = new ArrayList<>();
                due.forEach((h, names) -> {
                    if (names.contains(handler.name()) || handler.listen().stream().anyMatch(names::contains)) {
                        targets.add(h);
                    }
                });
                if (targets.isEmpty()) {
                    continue;
                }
                ran = true;
                Task h = handler.inside(p.play.options());
                run.reporter().handlerStarted(h.title(), h.location().toString());
                List<HostResult> results = onEach(targets, s -> tasks.run(h, s));
                for (int i = 0; i < targets.size(); i++) {
                    if (results.get(i).status() == Status.CHANGED && !h.notifies().isEmpty()) {
                        targets.get(i).notifyHandlers(h.notifies());
                    }
                }
            }
            if (!ran) {
                return;
            }
        }
    }

    private void connect(List<HostState> hosts) throws InterruptedException {
        List<HostState> missing = hosts.stream().filter(s -> s.session().isEmpty() && !s.unreachable()).toList();
        if (missing.isEmpty()) {
            return;
        }
        List<Future<Optional<String>>> pending = new ArrayList<>();
        for (HostState s : missing) {
            pending.add(forks.submit(() -> {
                try {
                    s.connected(new HostSession(s.name(), connector.connect(s.host()), () -> connector.connect(s.host())));
                    return Optional.empty();
                } catch (TransportException e) {
                    return Optional.of(e.getMessage());
                }
            }));
        }
        for (int i = 0; i < missing.size(); i++) {
            Optional<String> error = await(pending.get(i), missing.get(i).name());
            if (error.isPresent()) {
                HostState s = missing.get(i);
                s.markUnreachable();
                HostResult r = new HostResult(s.name(), "connect", "ssh", Status.UNREACHABLE, error.get(), Map.of(),
                        Duration.ZERO, false);
                run.recap().count(r);
                run.reporter().hostResult(r);
            }
        }
    }

    private HostResult gatherFacts(HostState s) {
        long start = System.nanoTime();
        Status status = Status.OK;
        String message = "";
        try {
            s.facts(HostFacts.gather(s.session().orElseThrow().view(Optional.empty(), run.settings().commandTimeout())));
        } catch (TransportException e) {
            status = Status.UNREACHABLE;
            message = e.getMessage();
            s.markUnreachable();
        } catch (FactsException | BecomeException e) {
            status = Status.FAILED;
            message = e.getMessage();
            s.markFailed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = Status.FAILED;
            message = "interrupted";
        }
        return new HostResult(s.name(), "Gathering Facts", "facts", status, message, Map.of(),
                Duration.ofNanos(System.nanoTime() - start), false);
    }

    /** Runs {@code work} on every host (at most {@code forks} at once) and reports results as they come. */
    private List<HostResult> onEach(List<HostState> hosts, Function<HostState, HostResult> work)
            throws InterruptedException {
        List<Future<HostResult>> pending = new ArrayList<>();
        for (HostState s : hosts) {
            pending.add(forks.submit(() -> {
                HostResult r = work.apply(s);
                run.recap().count(r);
                run.reporter().hostResult(r);
                return r;
            }));
        }
        List<HostResult> results = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            results.add(await(pending.get(i), hosts.get(i).name()));
        }
        return results;
    }

    private static <T> T await(Future<T> f, String host) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("unexpected error on " + host + ": " + e.getCause(), e.getCause());
        }
    }

    private static List<HostState> active(List<HostState> hosts) {
        return hosts.stream().filter(HostState::active).toList();
    }

    @Override
    public void close() {
        forks.shutdownNow();
        sessions.close();
        for (HostState s : states.values()) {
            s.session().ifPresent(HostSession::close);
        }
    }
}
