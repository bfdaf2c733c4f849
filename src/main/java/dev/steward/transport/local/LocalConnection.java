package dev.steward.transport.local;

import dev.steward.transport.Connection;
import dev.steward.transport.RemoteProcess;
import dev.steward.transport.TransportException;
import dev.steward.transport.TransportException.Reason;
import java.io.IOException;

/** Runs commands on this machine through {@code /bin/sh -c}, for {@code localhost} and delegation. */
public final class LocalConnection implements Connection {

    private volatile boolean open = true;

    @Override
    public RemoteProcess start(String commandLine) throws TransportException {
        if (!open) {
            throw new TransportException(Reason.DISCONNECTED, "the local connection was closed");
        }
        try {
            return new LocalProcess(new ProcessBuilder("/bin/sh", "-c", commandLine).start());
        } catch (IOException e) {
            throw new TransportException(Reason.CONNECT_FAILED, "cannot start /bin/sh on localhost: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String describe() {
        return "localhost";
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public String toString() {
        return "LocalConnection";
    }
}
