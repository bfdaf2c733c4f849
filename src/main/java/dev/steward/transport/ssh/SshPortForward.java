package dev.steward.transport.ssh;

import dev.steward.transport.PortForward;
import dev.steward.transport.TransportException;
import dev.steward.transport.TransportException.Reason;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.function.Consumer;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.LocalPortForwarder;

/**
 * sshj's {@link LocalPortForwarder} made to last: its {@code listen} ends on the first local
 * connection the host's side refuses (nothing listening there yet), so that is reported and
 * listening resumes on the same socket; and it would not notice a lost connection while idle, so a
 * watcher closes it when the client disconnects. {@code listen} runs until its thread is interrupted
 * (it goes on accepting past a closed socket otherwise), so closing interrupts the serving thread
 * and closes the socket, in that order, whether or not {@code listen} has started yet.
 */
final class SshPortForward implements PortForward {

    private final SSHClient client;
    private final LocalPortForwarder forwarder;
    private final ServerSocket local;
    private final String target;
    private boolean closed;
    private boolean lost;
    private Thread serving;

    SshPortForward(SSHClient client, ServerSocket local, LocalPortForwarder forwarder, String target) {
        this.client = client;
        this.local = local;
        this.forwarder = forwarder;
        this.target = target;
    }

    @Override
    public void serve(Consumer<String> refused) throws TransportException {
        Thread watcher = new Thread(this::closeWhenDisconnected, "steward-tunnel-watch");
        watcher.setDaemon(true);
        watcher.start();
        try {
            while (true) {
                synchronized (this) {
                    if (closed) {
                        break;
                    }
                    serving = Thread.currentThread();
                }
                try {
                    forwarder.listen(); // returns once close() has interrupted this thread
                } catch (IOException e) {
                    if (!isClosed() && client.isConnected()) {
                        refused.accept("a connection to " + target + " failed: " + e.getMessage()
                                + " (is anything listening there?)");
                    }
                }
                if (!client.isConnected() || isLost()) {
                    close();
                    throw new TransportException(Reason.DISCONNECTED, "the connection for the tunnel to " + target
                            + " was lost; check that the host is up, then start the tunnel again");
                }
            }
        } finally {
            synchronized (this) {
                serving = null;
            }
            Thread.interrupted(); // close() interrupted this thread to end listen: clear it for what follows
            watcher.interrupt();
        }
    }

    private void closeWhenDisconnected() {
        try {
            while (!isClosed() && client.isConnected()) {
                Thread.sleep(500);
            }
            synchronized (this) {
                lost = !closed;
            }
            close();
        } catch (InterruptedException e) {
            // serve() has ended
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized boolean isLost() {
        return lost;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (serving != null && serving != Thread.currentThread()) {
            serving.interrupt();
        }
        try {
            local.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
