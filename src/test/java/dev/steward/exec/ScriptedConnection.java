package dev.steward.exec;

import dev.steward.transport.Connection;
import dev.steward.transport.RemoteProcess;
import dev.steward.transport.TransportException;
import dev.steward.transport.TransportException.Reason;

/** The engine's connection to a scripted host. */
final class ScriptedConnection implements Connection {

    private final ScriptedHost host;
    private volatile boolean closed;

    ScriptedConnection(ScriptedHost host) {
        this.host = host;
    }

    @Override
    public RemoteProcess start(String commandLine) throws TransportException {
        if (closed) {
            throw new TransportException(Reason.DISCONNECTED, "scripted: the connection to " + host.name() + " was closed");
        }
        return host.start(commandLine);
    }

    @Override
    public boolean isOpen() {
        return !closed && !host.dropped();
    }

    @Override
    public String describe() {
        return "scripted@" + host.name();
    }

    @Override
    public void close() {
        closed = true;
    }
}
