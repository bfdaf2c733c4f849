package dev.steward.reach;

import dev.steward.exec.Connector;
import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.HostSession;
import dev.steward.transport.TransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code steward reach}: the stack's policy ({@link StackFirewall}, each host's openings from its own
 * variables) tested from the controller and from every host, over the same connections {@code play}
 * uses. Read-only: the hosts only open TCP connections and close them.
 */
public final class ReachRunner {

    private final Inventory inventory;
    private final Connector connector;
    private final int forks;

    public ReachRunner(Inventory inventory, Connector connector, int forks) {
        this.inventory = inventory;
        this.connector = connector;
        this.forks = Math.max(1, forks);
    }

    /** Every host of the inventory as a destination, its openings read from its own variables. */
    public static List<Target> targets(Inventory inventory) {
        List<Target> targets = new ArrayList<>();
        for (Host h : inventory.select("all")) {
            Map<String, Object> vars = inventory.varsFor(h.name());
            targets.add(new Target(h.name(), h.address(), h.ssh().host(), h.ssh().port(),
                    StackFirewall.openings(h.name(), vars), StackFirewall.closed(h.name(), vars)));
        }
        return targets;
    }

    /** Tests the paths from the controller and from each of {@code sources}. */
    public ReachReport run(List<Host> sources) throws InterruptedException {
        List<Target> targets = targets(inventory);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(forks, Math.max(1, sources.size())) + 1);
        List<ReachRow> rows = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        try {
            Future<List<ReachRow>> controller = pool.submit(() -> fromController(targets));
            List<Future<Optional<List<ReachRow>>>> hosts = new ArrayList<>();
            for (Host h : sources) {
                hosts.add(pool.submit(() -> fromHost(h, targets)));
            }
            rows.addAll(get(controller));
            for (int i = 0; i < sources.size(); i++) {
                Optional<List<ReachRow>> r = get(hosts.get(i));
                if (r.isPresent()) {
                    rows.addAll(r.get());
                } else {
                    unreachable.add(sources.get(i).name());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new ReachReport(rows, unreachable);
    }

    private static <T> T get(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("reach test failed unexpectedly", e.getCause());
        }
    }

    private List<ReachRow> fromController(List<Target> targets) throws InterruptedException {
        List<Path> paths = ReachMatrix.from(Path.CONTROLLER, targets);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(16, paths.size())));
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (Path p : paths) {
                answers.add(pool.submit(() -> connect(p.address(), p.port())));
            }
            List<ReachRow> rows = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                rows.add(new ReachRow(paths.get(i), get(answers.get(i))));
            }
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String connect(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), ReachProbe.TIMEOUT_SECONDS * 1000);
            return "open";
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (ConnectException e) {
            return e.getMessage() != null && e.getMessage().contains("timed out") ? "timeout" : "refused";
        } catch (IOException e) {
            return "unreachable";
        }
    }

    /** The paths from one host, tested there in one round trip; empty when the host cannot be reached. */
    private Optional<List<ReachRow>> fromHost(Host host, List<Target> targets) throws InterruptedException {
        List<Path> paths = ReachMatrix.from(host.name(), targets);
        try (HostSession session = new HostSession(host.name(), connector.connect(host))) {
            CommandResult r = session.view(Optional.empty(), Duration.ofSeconds(ReachProbe.TIMEOUT_SECONDS + 30))
                    .query(ReachProbe.command(paths));
            Map<String, String> answers = ReachProbe.parse(r.stdout());
            return Optional.of(paths.stream().map(p -> new ReachRow(p, answers.getOrDefault(p.endpoint(), "unknown")))
                    .toList());
        } catch (TransportException | BecomeException e) {
            return Optional.empty();
        }
    }
}
