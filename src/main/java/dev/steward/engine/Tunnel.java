package dev.steward.engine;

import dev.steward.transport.Connection;
import dev.steward.transport.PortForward;
import dev.steward.transport.TransportException;
import java.util.function.Consumer;

/**
 * {@code steward tunnel}: a local port forwarded over a host's own SSH connection (the inventory's
 * settings: known hosts, jump host, keys). It owns the connection.
 */
public final class Tunnel implements AutoCloseable {

    private final Connection connection;
    private final PortForward forward;

    Tunnel(Connection connection, PortForward forward) {
        this.connection = connection;
        this.forward = forward;
    }

    /** The SSH connection it goes through, e.g. {@code steward@203.0.113.10:22}. */
    public String through() {
        return connection.describe();
    }

    /** Forwards until {@link #stop()} (returns) or the connection is lost (throws). */
    public void serve(Consumer<String> refused) throws TransportException {
        forward.serve(refused);
    }

    /** Ends {@link #serve}; safe from any thread (Ctrl-C's handler). */
    public void stop() {
        forward.close();
    }

    @Override
    public void close() {
        forward.close();
        connection.close();
    }
}
