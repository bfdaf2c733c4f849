package dev.steward.transport;

import java.util.function.Consumer;

/**
 * A local port forwarded to a port as seen from a host, over that host's connection: what
 * {@code steward tunnel} runs until Ctrl-C.
 */
public interface PortForward extends AutoCloseable {

    /**
     * Forwards each local connection until {@link #close()} is called (returns normally) or the
     * connection to the host is lost (throws). A local connection the host's side refuses is
     * reported to {@code refused} and the forward goes on.
     */
    void serve(Consumer<String> refused) throws TransportException;

    /** Stops accepting and ends {@link #serve}; may be called from any thread (a signal handler). */
    @Override
    void close();
}
