package dev.steward.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** The PLAY RECAP: counts per host, in the order hosts were first seen. Thread-safe. */
public final class Recap {

    /** One host's line of the recap. */
    public record Counts(int ok, int changed, int unreachable, int failed, int skipped, int rescued, int ignored) {
        Counts plus(Status status, boolean ignored) {
            return switch (status) {
                case OK -> new Counts(ok + 1, changed, unreachable, failed, skipped, rescued, this.ignored);
                case CHANGED -> new Counts(ok + 1, changed + 1, unreachable, failed, skipped, rescued, this.ignored);
                case SKIPPED -> new Counts(ok, changed, unreachable, failed, skipped + 1, rescued, this.ignored);
                case UNREACHABLE -> new Counts(ok, changed, unreachable + 1, failed, skipped, rescued, this.ignored);
                case FAILED -> ignored
                        ? new Counts(ok, changed, unreachable, failed, skipped, rescued, this.ignored + 1)
                        : new Counts(ok, changed, unreachable, failed + 1, skipped, rescued, this.ignored);
            };
        }
    }

    private final Map<String, Counts> hosts = new LinkedHashMap<>();
    private final Map<String, java.util.List<String>> handlersNotRun = new LinkedHashMap<>();

    public synchronized void see(String host) {
        hosts.putIfAbsent(host, new Counts(0, 0, 0, 0, 0, 0, 0));
    }

    public synchronized void count(HostResult r) {
        see(r.host());
        hosts.put(r.host(), hosts.get(r.host()).plus(r.status(), r.ignored()));
    }

    /** A rescue block handled the host's failure: it counts as rescued, not failed (as in Ansible). */
    public synchronized void rescued(String host) {
        Counts c = hosts.get(host);
        if (c != null && c.failed() > 0) {
            hosts.put(host, new Counts(c.ok(), c.changed(), c.unreachable(), c.failed() - 1, c.skipped(),
                    c.rescued() + 1, c.ignored()));
        }
    }

    /** Handlers a host notified but did not run (it failed, without force_handlers). */
    public synchronized void handlersNotRun(String host, java.util.Collection<String> handlers) {
        handlersNotRun.computeIfAbsent(host, h -> new java.util.ArrayList<>()).addAll(handlers);
    }

    public synchronized Map<String, java.util.List<String>> handlersNotRun() {
        return new LinkedHashMap<>(handlersNotRun);
    }

    public synchronized Map<String, Counts> hosts() {
        return Map.copyOf(new LinkedHashMap<>(hosts));
    }

    public synchronized Map<String, Counts> ordered() {
        return new LinkedHashMap<>(hosts);
    }

    public synchronized boolean anyFailed() {
        return hosts.values().stream().anyMatch(c -> c.failed() > 0);
    }

    public synchronized boolean anyUnreachable() {
        return hosts.values().stream().anyMatch(c -> c.unreachable() > 0);
    }
}
