package dev.steward.transport;

/**
 * One open connection to one host, kept for the whole run. Each command gets its own channel, so
 * commands may run concurrently on one connection.
 */
public interface Connection extends AutoCloseable {

    /** Starts {@code commandLine} under the remote user's POSIX shell. */
    RemoteProcess start(String commandLine) throws TransportException;

    boolean isOpen();

    /** A short description for messages, e.g. {@code steward@127.0.0.1:32768}. */
    String describe();

    @Override
    void close();
}
