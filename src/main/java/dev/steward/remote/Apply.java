package dev.steward.remote;

import dev.steward.transport.TransportException;
import java.io.InputStream;
import java.time.Duration;

/** What a module's action sees when the engine applies its plan: commands that change the host. */
public interface Apply extends Probe {

    CommandResult run(String commandLine, InputStream stdin)
            throws TransportException, BecomeException, InterruptedException;

    default CommandResult run(String commandLine) throws TransportException, BecomeException, InterruptedException {
        return run(commandLine, null);
    }

    /**
     * Drops the host's connection and opens a new one, trying until SSH answers or {@code timeout}
     * passes (for {@code reboot}). Later commands, of this task and the next ones, use the new connection.
     *
     * @throws TransportException when no connection could be opened in time, or this view cannot reconnect
     */
    default void reconnect(Duration timeout) throws TransportException, InterruptedException {
        throw new TransportException(TransportException.Reason.CONNECT_FAILED, host() + ": this connection cannot reconnect");
    }
}
