package dev.steward.lock;

import dev.steward.exec.Connector;
import dev.steward.inventory.Host;
import dev.steward.transport.Connection;
import dev.steward.transport.RemoteProcess;
import dev.steward.transport.TransportException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections opened to take the locks, lent to the run that follows, so each host still has one
 * connection for the whole run. The run's close does not close them: the locks are released over them
 * afterwards. A host whose connection failed stays unreachable for the run; once the run closes
 * what it was lent (a reconnect after a reboot, the end of the run), it gets fresh connections.
 */
final class HeldConnections implements Connector {

    private final Connector fresh;
    private final Map<String, Connection> open = new ConcurrentHashMap<>();
    /** The host (with its connection settings) each connection was opened for. */
    private final Map<String, Host> openedFor = new ConcurrentHashMap<>();
    private final Map<String, TransportException> failed = new ConcurrentHashMap<>();
    /** Hosts whose held connection may still be lent: until the run closes it once. */
    private final java.util.Set<String> lendable = ConcurrentHashMap.newKeySet();

    HeldConnections(Connector fresh) {
        this.fresh = fresh;
    }

    /** Opens (or remembers the failure of) the connection to {@code host}; throws that failure. */
    Connection open(Host host) throws TransportException {
        openedFor.put(host.name(), host);
        try {
            Connection c = fresh.connect(host);
            open.put(host.name(), c);
            lendable.add(host.name());
            return c;
        } catch (TransportException e) {
            failed.put(host.name(), e);
            throw e;
        }
    }

    @Override
    public Connection connect(Host host) throws TransportException {
        if (!host.ssh().equals(openedFor.containsKey(host.name()) ? openedFor.get(host.name()).ssh() : null)) {
            return fresh.connect(host); // other settings (ssh_login proving another login): a connection of its own
        }
        TransportException failure = failed.remove(host.name()); // reported once; a later reconnect may try again
        if (failure != null) {
            throw failure;
        }
        Connection held = open.get(host.name());
        if (held != null && held.isOpen() && lendable.contains(host.name())) {
            return new Lent(held, () -> lendable.remove(host.name()));
        }
        return fresh.connect(host);
    }

    /** The held connection to {@code host} if it is still open, else a fresh one (for releasing). */
    Connection forRelease(Host host) throws TransportException {
        Connection held = open.get(host.name());
        if (held != null && held.isOpen()) {
            return new Lent(held, () -> { });
        }
        Connection c = fresh.connect(host);
        if (held != null) {
            held.close();
        }
        open.put(host.name(), c);
        return new Lent(c, () -> { });
    }

    void closeAll() {
        open.values().forEach(Connection::close);
        open.clear();
    }

    /** A held connection as the run sees it: closing it only ends the lending ({@code onClose}). */
    private record Lent(Connection held, Runnable onClose) implements Connection {
        @Override
        public RemoteProcess start(String commandLine) throws TransportException {
            return held.start(commandLine);
        }

        @Override
        public boolean isOpen() {
            return held.isOpen();
        }

        @Override
        public String describe() {
            return held.describe();
        }

        @Override
        public void close() {
            onClose.run(); // the locks are released over the connection itself after the run
        }
    }
}
