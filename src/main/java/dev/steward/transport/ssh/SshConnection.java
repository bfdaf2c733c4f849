package dev.steward.transport.ssh;

import dev.steward.transport.Connection;
import dev.steward.transport.PortForward;
import dev.steward.transport.RemoteProcess;
import dev.steward.transport.TransportException;
import dev.steward.transport.TransportException.Reason;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Parameters;
import net.schmizz.sshj.connection.channel.direct.Session;

/** An authenticated sshj client, possibly tunnelled through a jump host that it owns. */
final class SshConnection implements Connection {

    private final SSHClient client;
    private final String description;
    private final Optional<SshConnection> jump;

    SshConnection(SSHClient client, String description, Optional<SshConnection> jump) {
        this.client = client;
        this.description = description;
        this.jump = jump;
    }

    SSHClient client() {
        return client;
    }

    @Override
    public RemoteProcess start(String commandLine) throws TransportException {
        Session session = null;
        try {
            session = client.startSession();
            return new SshRemoteProcess(client, session, session.exec(commandLine), description);
        } catch (IOException e) {
            closeQuietly(session);
            if (!client.isConnected()) {
                throw new TransportException(Reason.DISCONNECTED, "the connection to " + description
                        + " was lost; check that the host is up and sshd is running", e);
            }
            throw new TransportException(Reason.CONNECT_FAILED, "could not start a command on " + description + ": "
                    + e.getMessage() + ". sshd's MaxSessions limits how many commands run at once on one connection.", e);
        }
    }

    @Override
    public PortForward forward(ServerSocket local, String remoteHost, int remotePort) {
        Parameters where = new Parameters(local.getInetAddress().getHostAddress(), local.getLocalPort(), remoteHost,
                remotePort);
        return new SshPortForward(client, local, client.newLocalPortForwarder(where, local), remoteHost + ":" + remotePort
                + " on " + description);
    }

    @Override
    public boolean isOpen() {
        return client.isConnected() && client.isAuthenticated();
    }

    @Override
    public String describe() {
        return description;
    }

    /** Closes this connection, then the jump host's. */
    @Override
    public void close() {
        try {
            client.disconnect();
        } catch (IOException ignored) {
            // already gone
        }
        jump.ifPresent(SshConnection::close);
    }

    private static void closeQuietly(Session session) {
        if (session != null) {
            try {
                session.close();
            } catch (IOException ignored) {
                // the session never worked
            }
        }
    }

    @Override
    public String toString() {
        return "SshConnection[" + description + "]";
    }
}
