package dev.steward.remote;

import dev.steward.transport.Connection;
import dev.steward.transport.TransportException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/** One host's open connection for the whole run, and the views modules get of it. */
public final class HostSession implements AutoCloseable {

    private final String host;
    private final Connection connection;
    private final CommandRunner runner;

    public HostSession(String host, Connection connection) {
        this.host = host;
        this.connection = connection;
        this.runner = new CommandRunner(connection);
    }

    public String host() {
        return host;
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    /** A view that runs every command as the login user, or through sudo when {@code become} is given. */
    public Apply view(Optional<Become> become, Duration timeout) {
        return new Apply() {
            @Override
            public String host() {
                return host;
            }

            @Override
            public CommandResult query(String commandLine)
                    throws TransportException, BecomeException, InterruptedException {
                return run(commandLine, null);
            }

            @Override
            public CommandResult run(String commandLine, InputStream stdin)
                    throws TransportException, BecomeException, InterruptedException {
                return runner.run(new CommandSpec(commandLine, stdin, become, timeout));
            }
        };
    }

    @Override
    public void close() {
        connection.close();
    }
}
