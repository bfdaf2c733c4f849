package dev.steward.remote;

import dev.steward.transport.Connection;
import dev.steward.transport.RemoteProcess;
import dev.steward.transport.TransportException;

/**
 * What modules use to run one command over a connection: streams drained concurrently, output
 * kept up to 8 MiB per stream, stdin fed on its own thread, become through sudo, a timeout.
 */
public final class CommandRunner {

    /** How much of each of stdout and stderr is kept; the rest is counted and flagged as truncated. */
    public static final int OUTPUT_LIMIT = 8 * 1024 * 1024;

    private final Connection connection;
    private final int outputLimit;

    public CommandRunner(Connection connection) {
        this(connection, OUTPUT_LIMIT);
    }

    CommandRunner(Connection connection, int outputLimit) {
        this.connection = connection;
        this.outputLimit = outputLimit;
    }

    public CommandResult run(CommandSpec spec) throws TransportException, BecomeException, InterruptedException {
        SudoInvocation sudo = spec.become().map(SudoInvocation::new).orElse(null);
        String commandLine = sudo == null ? spec.commandLine() : sudo.commandLine(spec.commandLine());
        RemoteProcess process = connection.start(commandLine);
        try {
            return new CommandExchange(process, spec, sudo, connection.describe(), outputLimit).run();
        } finally {
            process.close();
        }
    }
}
