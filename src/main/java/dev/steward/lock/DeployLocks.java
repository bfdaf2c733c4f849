package dev.steward.lock;

import dev.steward.exec.Connector;
import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import dev.steward.remote.Apply;
import dev.steward.remote.Become;
import dev.steward.remote.BecomeException;
import dev.steward.remote.HostSession;
import dev.steward.report.Reporter;
import dev.steward.transport.TransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The deploy locks of one run: taken on every target host before anything changes (or, for a check
 * run, only looked at), released at the end whatever happened. A host locked by another run refuses
 * the whole run before any change ({@link DeployLockedException}). The connections opened here are
 * the ones the run then uses ({@link #connector()}).
 *
 * <p>The lock file is {@value LockFile#DEFAULT_PATH}, or the host's {@code deploy_lock_path} variable.
 */
public final class DeployLocks implements AutoCloseable {

    /** The host variable naming the lock file. */
    public static final String PATH_VAR = "deploy_lock_path";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Inventory inventory;
    private final HeldConnections connections;
    private final LockHolder me;
    private final List<HostLock> found;
    private final int forks;

    private DeployLocks(Inventory inventory, HeldConnections connections, LockHolder me, List<HostLock> found,
            int forks) {
        this.inventory = inventory;
        this.forks = forks;
        this.connections = connections;
        this.me = me;
        this.found = found;
    }

    /**
     * Takes the lock on every host ({@code breakLock}: first removing another run's, reported); when a
     * host is held by another run, releases what it took and throws {@link DeployLockedException} naming
     * every holder. An unreachable host is left to the run to report; a host whose lock cannot be
     * written (sudo refused…) is one the run must not touch: see {@link #notLocked()}.
     */
    public static DeployLocks take(Inventory inventory, List<Host> hosts, Connector connector, LockHolder me,
            boolean breakLock, int forks, Reporter reporter) throws InterruptedException {
        HeldConnections connections = new HeldConnections(connector);
        List<HostLock> found = onEach(hosts, forks, h -> takeOne(inventory, connections, h, me, breakLock));
        DeployLocks locks = new DeployLocks(inventory, connections, me, found, forks);
        for (HostLock l : found) {
            if (l instanceof HostLock.Taken t && t.broken().isPresent()) {
                reporter.warning("--break-lock: removed the deploy lock on " + t.host() + " held by "
                        + t.broken().get().describe(Instant.now()));
            }
            if (l instanceof HostLock.Taken t && t.takenOver().isPresent()) {
                LockHolder gone = t.takenOver().get();
                reporter.warning("the deploy lock on " + t.host() + " was left by run " + gone.runId() + " ('"
                        + gone.command() + "', pid " + gone.pid() + ", this machine), which is no longer running: "
                        + "taken over");
            }
        }
        List<String> refusals = found.stream().filter(l -> l instanceof HostLock.Held).map(l -> (HostLock.Held) l)
                .map(l -> l.host() + " is locked by " + l.holder().describe(Instant.now()) + "."
                        + (l.holder().machine().equals(me.machine()) ? " That run's process (pid " + l.holder().pid()
                                + ", this machine) is still running." : "")).toList();
        if (!refusals.isEmpty()) {
            locks.release(reporter);
            locks.close();
            throw new DeployLockedException(String.join("\n", refusals) + "\nNothing was changed on any host. "
                    + "Wait for that run to finish; if it is gone (crashed, killed, its machine down), "
                    + "run again with --break-lock.");
        }
        return locks;
    }

    /** A check run: reads each host's lock without taking it, and warns about every one held. */
    public static DeployLocks inspect(Inventory inventory, List<Host> hosts, Connector connector, int forks,
            Reporter reporter) throws InterruptedException {
        HeldConnections connections = new HeldConnections(connector);
        List<HostLock> found = onEach(hosts, forks, h -> readOne(inventory, connections, h));
        for (HostLock l : found) {
            if (l instanceof HostLock.Held held) {
                reporter.warning(held.host() + " is locked by " + held.holder().describe(Instant.now())
                        + "; this check run changes nothing and does not need the lock, but what it reports may "
                        + "change under that run");
            }
        }
        return new DeployLocks(inventory, connections, null, found, forks);
    }

    /** What the run uses to reach its hosts: the connections opened here first. */
    public Connector connector() {
        return connections;
    }

    /** What each host's lock was found to be, in the order of the hosts. */
    public List<HostLock> found() {
        return found;
    }

    /**
     * Removes this run's locks, on every host at once (forks at a time); a lock that cannot be removed
     * is a warning naming how to remove it, in the order of the hosts.
     */
    public void release(Reporter reporter) throws InterruptedException {
        if (me == null) {
            return;
        }
        List<Host> taken = found.stream().filter(l -> l instanceof HostLock.Taken)
                .map(l -> inventory.host(l.host()).orElseThrow()).toList();
        List<String> problems = onEach(taken, forks, this::releaseOne, (h, e) -> "unexpected error: " + e);
        for (int i = 0; i < taken.size(); i++) {
            String problem = problems.get(i);
            if (problem != null) {
                reporter.warning("deploy lock on " + taken.get(i).name() + ": " + problem
                        + (problem.startsWith("left") ? "" : "; the next run will need --break-lock"));
            }
        }
    }

    /** What the operator must know about removing this run's lock on {@code host}, or null when it is gone. */
    private String releaseOne(Host host) throws InterruptedException {
        LockFile file = fileOf(inventory, host);
        try {
            HostSession s = new HostSession(host.name(), connections.forRelease(host));
            return file.release(root(s, host), me).orElse(null);
        } catch (TransportException | BecomeException e) {
            return "cannot remove " + file.path() + ": " + e.getMessage();
        }
    }

    @Override
    public void close() {
        connections.closeAll();
    }

    /** Hosts reached whose lock could not be written: the run fails them without touching them. */
    public List<HostLock.Failed> notLocked() {
        return found.stream().filter(l -> l instanceof HostLock.Failed).map(l -> (HostLock.Failed) l).toList();
    }

    private static HostLock takeOne(Inventory inventory, HeldConnections connections, Host host, LockHolder me,
            boolean breakLock) throws InterruptedException {
        HostSession s;
        try {
            s = new HostSession(host.name(), connections.open(host));
        } catch (TransportException e) {
            return new HostLock.Unreachable(host.name(), e.getMessage());
        }
        LockFile file = fileOf(inventory, host);
        try {
            Apply root = root(s, host);
            Optional<LockHolder> broken = breakLock ? file.breakIt(root) : Optional.empty();
            HostLock taken = file.take(root, me);
            // a run killed on this very machine (SIGKILL, a crash) had no chance to release: provably gone
            if (taken instanceof HostLock.Held held && held.holder().leftByAGoneProcessOn(me.machine())) {
                HostLock over = file.takeOver(root, held.holder(), me);
                return over instanceof HostLock.Taken
                        ? new HostLock.Taken(host.name(), broken, Optional.of(held.holder())) : over;
            }
            return taken instanceof HostLock.Taken ? new HostLock.Taken(host.name(), broken, Optional.empty()) : taken;
        } catch (TransportException e) {
            return new HostLock.Unreachable(host.name(), e.getMessage());
        } catch (BecomeException e) {
            return new HostLock.Failed(host.name(), "cannot take the deploy lock " + file.path() + " with sudo: "
                    + e.getMessage());
        }
    }

    private static HostLock readOne(Inventory inventory, HeldConnections connections, Host host)
            throws InterruptedException {
        try {
            HostSession s = new HostSession(host.name(), connections.open(host));
            Optional<LockHolder> holder = fileOf(inventory, host).read(s.view(Optional.empty(), COMMAND_TIMEOUT));
            return holder.<HostLock>map(h -> new HostLock.Held(host.name(), h)).orElse(new HostLock.Free(host.name()));
        } catch (TransportException e) {
            return new HostLock.Unreachable(host.name(), e.getMessage());
        } catch (BecomeException e) {
            return new HostLock.Failed(host.name(), e.getMessage());
        }
    }

    private static Apply root(HostSession s, Host host) {
        return s.view(Optional.of(new Become("root", host.ssh().becomePassword())), COMMAND_TIMEOUT);
    }

    private static LockFile fileOf(Inventory inventory, Host host) {
        Object path = inventory.varsFor(host.name()).get(PATH_VAR);
        return new LockFile(path == null || String.valueOf(path).isBlank() ? LockFile.DEFAULT_PATH
                : String.valueOf(path));
    }

    @FunctionalInterface
    private interface Work<T> {
        T on(Host host) throws InterruptedException;
    }

    private static List<HostLock> onEach(List<Host> hosts, int forks, Work<HostLock> work) throws InterruptedException {
        return onEach(hosts, forks, work, (h, e) -> new HostLock.Failed(h.name(), "unexpected error: " + e));
    }

    /** Runs {@code work} on every host, {@code forks} at a time; the answers in the order of the hosts. */
    private static <T> List<T> onEach(List<Host> hosts, int forks, Work<T> work,
            BiFunction<Host, Throwable, T> unexpected) throws InterruptedException {
        if (hosts.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(Math.max(1, forks), hosts.size()), r -> {
            Thread t = new Thread(r, "steward-lock");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> pending = new ArrayList<>();
            for (Host h : hosts) {
                pending.add(pool.submit(() -> work.on(h)));
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                try {
                    out.add(pending.get(i).get());
                } catch (ExecutionException e) {
                    out.add(unexpected.apply(hosts.get(i), e.getCause()));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return found.stream().map(HostLock::toString).collect(Collectors.joining(", "));
    }
}
