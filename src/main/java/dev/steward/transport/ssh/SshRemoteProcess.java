package dev.steward.transport.ssh;

import dev.steward.transport.RemoteProcess;
import dev.steward.transport.TransportException;
import dev.steward.transport.TransportException.Reason;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/** One command on its own session channel. */
final class SshRemoteProcess implements RemoteProcess {

    private static final Map<Signal, Integer> SIGNAL_NUMBERS = Map.ofEntries(
            Map.entry(Signal.HUP, 1), Map.entry(Signal.INT, 2), Map.entry(Signal.QUIT, 3), Map.entry(Signal.ILL, 4),
            Map.entry(Signal.ABRT, 6), Map.entry(Signal.FPE, 8), Map.entry(Signal.KILL, 9), Map.entry(Signal.USR1, 10),
            Map.entry(Signal.SEGV, 11), Map.entry(Signal.USR2, 12), Map.entry(Signal.PIPE, 13),
            Map.entry(Signal.ALRM, 14), Map.entry(Signal.TERM, 15));

    private final SSHClient client;
    private final Session session;
    private final Session.Command command;
    private final String where;
    private final OutputStream stdin;

    SshRemoteProcess(SSHClient client, Session session, Session.Command command, String where) {
        this.client = client;
        this.session = session;
        this.command = command;
        this.where = where;
        this.stdin = new FlushBeforeEof(command.getOutputStream(), command::isOpen);
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return command.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return command.getErrorStream();
    }

    @Override
    public int waitFor(Duration timeout) throws TransportException, InterruptedException {
        try {
            command.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ConnectionException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a command on " + where);
            }
            if (causedBy(e, TimeoutException.class) && client.isConnected() && command.isOpen()) {
                throw new TransportException(Reason.TIMEOUT, "the command on " + where + " did not end within " + timeout, e);
            }
            throw disconnected(e);
        }
        Integer status = command.getExitStatus();
        if (status != null) {
            return status;
        }
        Signal signal = command.getExitSignal();
        if (signal != null) {
            return 128 + SIGNAL_NUMBERS.getOrDefault(signal, 0);
        }
        throw disconnected(null);
    }

    private TransportException disconnected(Throwable cause) {
        return new TransportException(Reason.DISCONNECTED, "the connection to " + where
                + " was lost before the command ended; the command may or may not have completed on the host."
                + " Check that the host is up and sshd is running.", cause);
    }

    /** Kills the command if it still runs (where sshd supports signals) and releases the channel. */
    @Override
    public void close() {
        if (command.isOpen() && client.isConnected()) {
            try {
                command.signal(Signal.KILL);
            } catch (Exception ignored) {
                // older sshd ignore signals; closing the channel below ends the command's I/O anyway
            }
        }
        try {
            session.close();
        } catch (Exception ignored) {
            // the channel or the connection is already gone
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
