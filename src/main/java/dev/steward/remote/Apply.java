package dev.steward.remote;

import dev.steward.transport.TransportException;
import java.io.InputStream;

/** What a module's action sees when the engine applies its plan: commands that change the host. */
public interface Apply extends Probe {

    CommandResult run(String commandLine, InputStream stdin)
            throws TransportException, BecomeException, InterruptedException;

    default CommandResult run(String commandLine) throws TransportException, BecomeException, InterruptedException {
        return run(commandLine, null);
    }
}
