package dev.steward.remote;

import dev.steward.transport.Connection;
import dev.steward.transport.TransportException;

/** Placeholder until the transport branch lands. */
public final class CommandRunner {
    public CommandRunner(Connection c) {
    }

    public CommandResult run(CommandSpec s) throws TransportException, BecomeException, InterruptedException {
        throw new UnsupportedOperationException();
    }
}
