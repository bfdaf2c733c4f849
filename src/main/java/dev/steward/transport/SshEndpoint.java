package dev.steward.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything needed to open an SSH connection to one host. Built by the engine from the
 * inventory's {@code ssh:} settings; the transport knows nothing of inventories.
 *
 * @param name the inventory host name, for messages
 * @param privateKey a private key file (ed25519, ECDSA or RSA), or empty
 * @param password the login password, or empty
 * @param keyPassphrase the passphrase of {@code privateKey} when it has one, or empty
 * @param jump the host to tunnel through, or empty
 */
public record SshEndpoint(
        String name,
        String host,
        int port,
        String user,
        Optional<Path> privateKey,
        Optional<String> password,
        Optional<String> keyPassphrase,
        Path knownHosts,
        HostKeyChecking hostKeyChecking,
        Optional<SshEndpoint> jump,
        Duration connectTimeout) {

    public enum HostKeyChecking { STRICT, ACCEPT_NEW, OFF }

    public String describe() {
        return user + "@" + host + (port == 22 ? "" : ":" + port);
    }

    /** Never prints the password or passphrase. */
    @Override
    public String toString() {
        return "SshEndpoint[" + name + " " + describe() + "]";
    }
}
