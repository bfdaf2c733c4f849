package dev.steward.remote;

import dev.steward.transport.TransportException;

/**
 * What a module sees while it decides: it may ask questions, never change anything. Modules plan
 * from the answers; the engine alone decides whether the plan is applied (check mode stops here).
 */
public interface Probe {

    String host();

    /** Runs a read-only command (a question) and returns its answer. */
    CommandResult query(String commandLine) throws TransportException, BecomeException, InterruptedException;
}
