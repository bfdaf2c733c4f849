package dev.steward.exec;

import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import dev.steward.transport.Connection;
import dev.steward.transport.TransportException;
import dev.steward.transport.ssh.SshTransport;
import java.util.Optional;
import java.util.function.Supplier;

/** Connects over SSH with the host's inventory settings (jump hosts included). */
public final class SshConnector implements Connector {

    private final SshTransport transport = new SshTransport();
    private final Endpoints endpoints;

    /** @param keyPassphrase asked at most once, and only when a host's private key is encrypted */
    public SshConnector(Inventory inventory, Supplier<Optional<String>> keyPassphrase) {
        this.endpoints = new Endpoints(inventory, new Once<>(keyPassphrase));
    }

    /** Asks its supplier the first time only (a prompt must not repeat per host). */
    private static final class Once<T> implements Supplier<T> {
        private final Supplier<T> source;
        private T value;
        private boolean asked;

        Once(Supplier<T> source) {
            this.source = source;
        }

        @Override
        public synchronized T get() {
            if (!asked) {
                value = source.get();
                asked = true;
            }
            return value;
        }
    }

    @Override
    public Connection connect(Host host) throws TransportException {
        try {
            return transport.connect(endpoints.of(host));
        } catch (IllegalArgumentException e) {
            throw new TransportException(TransportException.Reason.CONNECT_FAILED, host.name() + ": " + e.getMessage());
        }
    }
}
