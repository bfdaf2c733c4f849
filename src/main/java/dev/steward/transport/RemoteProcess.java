package dev.steward.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/** A command running on a host: its three streams and its exit status. */
public interface RemoteProcess extends AutoCloseable {

    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    /**
     * Waits for the command to end and returns its exit status (128 + n when killed by signal n).
     *
     * @throws TransportException with {@link TransportException.Reason#TIMEOUT} after {@code timeout}, or
     *     {@link TransportException.Reason#DISCONNECTED} when the connection drops first
     */
    int waitFor(Duration timeout) throws TransportException, InterruptedException;

    @Override
    void close();
}
