package dev.steward.inventory;

import dev.steward.source.SourceLocation;
import java.util.Map;
import java.util.Objects;

/**
 * One inventory host.
 *
 * @param address what other hosts use to reach this one (a private IP, a VPN address); defaults to
 *     {@code ssh.host()}
 * @param vars the host's own variables: the inventory's, overlaid by its {@code host_vars} files
 *     (see {@link VariablePrecedence} for how they combine with group variables)
 * @param location where the host first appears in the inventory
 */
public record Host(String name, SshSettings ssh, String address, Map<String, Object> vars,
        SourceLocation location) {

    public Host {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(address, "address");
        vars = FrozenValues.map(vars);
        Objects.requireNonNull(location, "location");
    }
}
