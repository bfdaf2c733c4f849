package dev.steward.transport;

/**
 * One open connection to one host, kept for the whole run. Each command gets its own channel, so
 * commands may run concurrently on one connection.
 */
public interface Connection extends AutoCloseable {

    /** Starts {@code commandLine} under the remote user's POSIX shell. */
    RemoteProcess start(String commandLine) throws TransportException;

    boolean isOpen();

    /**
     * Forwards connections accepted on {@code local} (already bound) to {@code remoteHost:remotePort}
     * as the host sees it, over this connection: SSH's local port forwarding.
     */
    default PortForward forward(java.net.ServerSocket local, String remoteHost, int remotePort) throws TransportException {
        throw new TransportException(TransportException.Reason.CONNECT_FAILED, describe() + " cannot forward ports");
    }

    /** A short description for messages, e.g. {@code steward@127.0.0.1:32768}. */
    String describe();

    @Override
    void close();
}
