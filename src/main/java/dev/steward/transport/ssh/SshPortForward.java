package dev.steward.transport.ssh;

import dev.steward.transport.PortForward;
import dev.steward.transport.TransportException;
import dev.steward.transport.TransportException.Reason;
import java.io.IOException;
import java.util.function.Consumer;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.LocalPortForwarder;

/**
 * sshj's {@link LocalPortForwarder} made to last: its {@code listen} ends on the first local
 * connection the host's side refuses (nothing listening there yet), so that is reported and
 * listening resumes on the same socket; and it would not notice a lost connection while idle, so a
 * watcher closes it when the client disconnects.
 */
final class SshPortForward implements PortForward {

    private final SSHClient client;
    private final LocalPortForwarder forwarder;
    private final String target;
    private volatile boolean closed;

    SshPortForward(SSHClient client, LocalPortForwarder forwarder, String target) {
        this.client = client;
        this.forwarder = forwarder;
        this.target = target;
    }

    @Override
    public void serve(Consumer<String> refused) throws TransportException {
        Thread watcher = new Thread(this::closeWhenDisconnected, "steward-tunnel-watch");
        watcher.setDaemon(true);
        watcher.start();
        try {
            while (!closed) {
                try {
                    forwarder.listen(); // returns once close() has interrupted it and closed the socket
                } catch (IOException e) {
                    if (!closed && client.isConnected()) {
                        refused.accept("a connection to " + target + " failed: " + e.getMessage()
                                + " (is anything listening there?)");
                    }
                }
                if (!client.isConnected()) {
                    closeQuietly();
                    throw new TransportException(Reason.DISCONNECTED, "the connection for the tunnel to " + target
                            + " was lost; check that the host is up, then start the tunnel again");
                }
            }
        } finally {
            Thread.interrupted(); // close() interrupts the listening thread: clear it for what follows
            watcher.interrupt();
        }
    }

    private void closeWhenDisconnected() {
        try {
            while (!closed && client.isConnected()) {
                Thread.sleep(500);
            }
            closeQuietly();
        } catch (InterruptedException e) {
            // serve() has ended
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            forwarder.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
