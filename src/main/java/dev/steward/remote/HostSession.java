package dev.steward.remote;

import dev.steward.transport.Connection;
import dev.steward.transport.TransportException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** One host's open connection for the whole run, and the views modules get of it. */
public final class HostSession implements AutoCloseable {

    private final String host;
    private final Opener opener;
    private volatile Connection connection;
    private volatile CommandRunner runner;

    /** Opens a new connection to the same host (the exec layer's connector), for {@link #reconnect}. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws TransportException;
    }

    /** A session that cannot reconnect (a local connection, a test's scripted host). */
    public HostSession(String host, Connection connection) {
        this(host, connection, null);
    }

    public HostSession(String host, Connection connection, Opener opener) {
        this.host = host;
        this.opener = opener;
        this.connection = connection;
        this.runner = new CommandRunner(connection);
    }

    /**
     * Closes the connection and opens a new one through the opener, trying once a second until one
     * opens or {@code timeout} passes; the last failure is thrown then. Used after a reboot.
     */
    public void reconnect(Duration timeout) throws TransportException, InterruptedException {
        if (opener == null) {
            throw new TransportException(TransportException.Reason.CONNECT_FAILED, host
                    + ": this connection cannot reconnect");
        }
        connection.close();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Connection fresh = opener.open();
                connection = fresh;
                runner = new CommandRunner(fresh);
                return;
            } catch (TransportException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new TransportException(e.reason(), host + ": SSH did not answer within "
                            + timeout.toSeconds() + " s: " + e.getMessage(), e);
                }
                Thread.sleep(1000);
            }
        }
    }

    public String host() {
        return host;
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    /** A view that runs every command as the login user, or through sudo when {@code become} is given. */
    public Apply view(Optional<Become> become, Duration timeout) {
        return view(become, timeout, Map.of());
    }

    /**
     * A view whose commands also see {@code environment}. The values travel in a private file (mode
     * 0600, written through stdin, removed before the command starts), never on a command line,
     * where {@code ps} and sudo's log would show them, nor as SSH environment requests, which sshd drops.
     */
    public Apply view(Optional<Become> become, Duration timeout, Map<String, String> environment) {
        String exports = environment.entrySet().stream()
                .map(e -> "export " + e.getKey() + "=" + ShellQuote.quote(e.getValue()) + "\n")
                .collect(java.util.stream.Collectors.joining());
        return new View(become, timeout, exports);
    }

    /** Commands on this host with one become setting, and an environment script (or none). */
    private final class View implements Apply {
        private final Optional<Become> become;
        private final Duration timeout;
        private final String exports;

        View(Optional<Become> become, Duration timeout, String exports) {
            this.become = become;
            this.timeout = timeout;
            this.exports = exports;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public CommandResult query(String commandLine) throws TransportException, BecomeException, InterruptedException {
            return run(commandLine, null);
        }

        @Override
        public CommandResult query(String commandLine, InputStream stdin)
                throws TransportException, BecomeException, InterruptedException {
            return run(commandLine, stdin);
        }

        @Override
        public void reconnect(Duration wait) throws TransportException, InterruptedException {
            HostSession.this.reconnect(wait);
        }

        @Override
        public CommandResult run(String commandLine, InputStream stdin)
                throws TransportException, BecomeException, InterruptedException {
            if (exports.isEmpty()) {
                return runner.run(new CommandSpec(commandLine, stdin, become, timeout));
            }
            CommandResult file = runner.run(new CommandSpec("umask 077; f=$(mktemp \"${TMPDIR:-/tmp}/.steward-env.XXXXXX\")"
                    + " && cat > \"$f\" && echo \"$f\"", new java.io.ByteArrayInputStream(
                            exports.getBytes(java.nio.charset.StandardCharsets.UTF_8)), become, timeout));
            String path = file.stdout().strip();
            if (file.exitCode() != 0 || path.isEmpty()) {
                return new CommandResult(1, "", "cannot write the environment file: " + file.stderr(), false);
            }
            String p = ShellQuote.quote(path);
            return runner.run(new CommandSpec(". " + p + " && rm -f " + p + " && { " + commandLine + "\n}", stdin,
                    become, timeout));
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
