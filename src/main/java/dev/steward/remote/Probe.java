package dev.steward.remote;

import dev.steward.transport.TransportException;
import java.io.InputStream;

/**
 * What a module sees while it decides: it may ask questions, never change anything. Modules plan
 * from the answers; the engine alone decides whether the plan is applied (check mode stops here).
 */
public interface Probe {

    String host();

    /** Runs a read-only command (a question) and returns its answer. */
    CommandResult query(String commandLine) throws TransportException, BecomeException, InterruptedException;

    /**
     * A read-only command that reads {@code stdin}: how a question carries a secret (a curl config with
     * a password or header) without putting it on a command line.
     */
    default CommandResult query(String commandLine, InputStream stdin)
            throws TransportException, BecomeException, InterruptedException {
        if (stdin != null) {
            throw new UnsupportedOperationException("this host view cannot send stdin with a question");
        }
        return query(commandLine);
    }
}
