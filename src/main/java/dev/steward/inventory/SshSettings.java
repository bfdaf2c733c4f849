package dev.steward.inventory;

import dev.steward.transport.SshEndpoint.HostKeyChecking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open an SSH connection to one inventory host, with every default already applied.
 * Paths are absolute: relative ones were resolved against the inventory file's folder, {@code ~}
 * against the home folder.
 *
 * @param port 22 unless set
 * @param user the current OS user unless set
 * @param knownHosts {@code ~/.ssh/known_hosts} unless set
 * @param hostKeyChecking {@link HostKeyChecking#STRICT} unless set
 * @param jump the host to tunnel through: an inventory host name or {@code user@host:port}
 * @param connectTimeout 10 seconds unless set
 */
public record SshSettings(
        String host,
        int port,
        String user,
        Optional<Path> privateKey,
        Optional<String> password,
        Path knownHosts,
        HostKeyChecking hostKeyChecking,
        Optional<String> jump,
        Duration connectTimeout,
        Optional<String> becomePassword) {

    public static final int DEFAULT_PORT = 22;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public SshSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(hostKeyChecking, "hostKeyChecking");
        Objects.requireNonNull(jump, "jump");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(becomePassword, "becomePassword");
    }

    /** user@host, with the port when it is not 22. */
    public String describe() {
        return user + "@" + host + (port == DEFAULT_PORT ? "" : ":" + port);
    }

    /** Says whether passwords are set, never what they are. */
    @Override
    public String toString() {
        return "SshSettings[" + describe()
                + privateKey.map(k -> " key=" + k).orElse("")
                + (password.isPresent() ? " password=<redacted>" : "")
                + " knownHosts=" + knownHosts
                + " hostKeyChecking=" + hostKeyChecking
                + jump.map(j -> " jump=" + j).orElse("")
                + " connectTimeout=" + connectTimeout.toSeconds() + "s"
                + (becomePassword.isPresent() ? " becomePassword=<redacted>" : "")
                + "]";
    }
}
