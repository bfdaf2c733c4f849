package dev.steward.exec;

import dev.steward.inventory.Host;
import dev.steward.transport.Connection;
import dev.steward.transport.TransportException;

/** Opens the one connection a run keeps to a host. SSH in real runs; scripted hosts in engine tests. */
@FunctionalInterface
public interface Connector {

    Connection connect(Host host) throws TransportException;
}
