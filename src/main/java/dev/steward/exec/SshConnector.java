package dev.steward.exec;

import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import dev.steward.transport.Connection;
import dev.steward.transport.TransportException;
import dev.steward.transport.ssh.SshTransport;
import java.util.Optional;

/** Connects over SSH with the host's inventory settings (jump hosts included). */
public final class SshConnector implements Connector {

    private final SshTransport transport = new SshTransport();
    private final Endpoints endpoints;

    public SshConnector(Inventory inventory, Optional<String> keyPassphrase) {
        this.endpoints = new Endpoints(inventory, keyPassphrase);
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
