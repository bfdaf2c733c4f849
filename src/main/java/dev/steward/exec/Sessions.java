package dev.steward.exec;

import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import dev.steward.remote.HostSession;
import dev.steward.transport.TransportException;
import dev.steward.transport.local.LocalConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Connections for {@code delegate_to}: an inventory host's own connection (opened on first use),
 * or the controller itself for {@code localhost} when the inventory does not name it.
 */
final class Sessions implements AutoCloseable {

    private final Inventory inventory;
    private final Connector connector;
    private final Map<String, HostState> states;
    private final Map<String, HostSession> extra = new HashMap<>();

    Sessions(Inventory inventory, Connector connector, Map<String, HostState> states) {
        this.inventory = inventory;
        this.connector = connector;
        this.states = states;
    }

    synchronized HostSession forHost(String name) throws TransportException {
        HostState known = states.get(name);
        if (known != null && known.session().isPresent()) {
            return known.session().get();
        }
        HostSession open = extra.get(name);
        if (open != null) {
            return open;
        }
        Optional<Host> host = inventory.host(name);
        HostSession session;
        if (host.isPresent()) {
            Host target = host.get();
            session = new HostSession(name, connector.connect(target), () -> connector.connect(target));
        } else if (name.equals("localhost") || name.equals("127.0.0.1")) {
            session = new HostSession("localhost", new LocalConnection());
        } else {
            throw new TransportException(TransportException.Reason.CONNECT_FAILED, "delegate_to: '" + name
                    + "' is not an inventory host (nor localhost)");
        }
        extra.put(name, session);
        return session;
    }

    @Override
    public synchronized void close() {
        extra.values().forEach(HostSession::close);
        extra.clear();
    }
}
