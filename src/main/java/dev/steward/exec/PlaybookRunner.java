package dev.steward.exec;

import dev.steward.facts.FactsException;
import dev.steward.facts.HostFacts;
import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import dev.steward.module.ModuleRegistry;
import dev.steward.playbook.Play;
import dev.steward.playbook.Playbook;
import dev.steward.playbook.Task;
import dev.steward.remote.BecomeException;
import dev.steward.remote.HostSession;
import dev.steward.report.HostResult;
import dev.steward.report.Recap;
import dev.steward.report.Reporter;
import dev.steward.report.Status;
import dev.steward.template.TemplateEngine;
import dev.steward.transport.TransportException;
import dev.steward.vars.Vars;
import java.time.Duration;
import java.util.ArrayList;
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
 * starts the next; at most {@code forks} hosts work at once. One SSH connection per host for the
 * whole run. A failed host stops for that host only; an unreachable one is reported apart.
 */
public final class PlaybookRunner implements AutoCloseable {

    private final RunContext run;
    private final TaskRunner tasks;
    private final ExecutorService forks;
    private final Connector connector;
    private final Map<String, HostState> states = new LinkedHashMap<>();

    public PlaybookRunner(Playbook playbook, Inventory inventory, ModuleRegistry modules, TemplateEngine templates,
            Reporter reporter, Recap recap, RunSettings settings, Connector connector) {
        this.run = new RunContext(playbook, inventory, modules, templates, reporter, recap, settings);
        this.tasks = new TaskRunner(run);
        this.forks = Executors.newFixedThreadPool(Math.max(1, settings.forks()), r -> {
            Thread t = new Thread(r, "steward-fork");
            t.setDaemon(true);
            return t;
        });
        this.connector = connector;
    }

    /** Runs every play on its hosts (each list already narrowed by --limit). */
    public void run(List<Map.Entry<Play, List<Host>>> plays) throws InterruptedException {
        for (Map.Entry<Play, List<Host>> entry : plays) {
            runPlay(entry.getKey(), entry.getValue());
        }
    }

    private void runPlay(Play play, List<Host> hosts) throws InterruptedException {
        run.reporter().playStarted(play.title(), hosts.stream().map(Host::name).toList());
        List<HostState> playing = new ArrayList<>();
        for (Host h : hosts) {
            run.recap().see(h.name());
            HostState s = states.computeIfAbsent(h.name(), n -> new HostState(h));
            if (s.active()) {
                s.startPlay(playVars(play, s));
                playing.add(s);
            }
        }
        connect(playing);
        if (play.gatherFacts() && !active(playing).isEmpty()) {
            run.reporter().taskStarted("Gathering Facts", play.location().toString());
            onEach(active(playing), this::gatherFacts);
            for (HostState s : playing) {
                s.startPlay(playVars(play, s)); // facts join the play's variables
            }
        }
        for (Task task : play.tasks()) {
            List<HostState> now = active(playing);
            if (now.isEmpty()) {
                break;
            }
            run.reporter().taskStarted(task.title(), task.location().toString());
            onEach(now, s -> tasks.run(play, task, s));
        }
    }

    /** Inventory variables, then facts, then the play's own vars (extra vars go on top per task). */
    private Vars playVars(Play play, HostState s) {
        return Vars.EMPTY
                .with("inventory", run.inventory().varsFor(s.name()), s.host().location())
                .withData("facts", Map.of("facts", s.facts()))
                .with("play vars", play.vars(), play.varsLocation());
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
                    s.connected(new HostSession(s.name(), connector.connect(s.host())));
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
    private void onEach(List<HostState> hosts, Function<HostState, HostResult> work) throws InterruptedException {
        List<Future<HostResult>> pending = new ArrayList<>();
        for (HostState s : hosts) {
            pending.add(forks.submit(() -> {
                HostResult r = work.apply(s);
                run.recap().count(r);
                run.reporter().hostResult(r);
                return r;
            }));
        }
        for (int i = 0; i < pending.size(); i++) {
            await(pending.get(i), hosts.get(i).name());
        }
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
        for (HostState s : states.values()) {
            s.session().ifPresent(HostSession::close);
        }
    }
}
