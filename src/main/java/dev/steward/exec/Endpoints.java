package dev.steward.exec;

import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import dev.steward.inventory.SshSettings;
import dev.steward.transport.SshEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a host's inventory {@code ssh:} settings into what the transport needs, jump hosts included. */
final class Endpoints {

    private static final Pattern USER_HOST_PORT = Pattern.compile("(?:([^@]+)@)?([^:@]+)(?::(\\d+))?");

    private final Inventory inventory;
    private final Supplier<Optional<String>> passphrase;

    /** @param passphrase asked only when a host's key is encrypted (an environment variable or a prompt) */
    Endpoints(Inventory inventory, Supplier<Optional<String>> passphrase) {
        this.inventory = inventory;
        this.passphrase = passphrase;
    }

    private Optional<String> passphraseFor(Optional<java.nio.file.Path> key) {
        return key.filter(dev.steward.transport.ssh.EncryptedKey::isEncrypted).flatMap(k -> passphrase.get());
    }

    SshEndpoint of(Host host) {
        return of(host.name(), host.ssh(), new ArrayList<>());
    }

    private SshEndpoint of(String name, SshSettings s, List<String> seen) {
        if (seen.contains(name)) {
            throw new IllegalArgumentException("jump hosts loop: " + String.join(" → ", seen) + " → " + name);
        }
        seen.add(name);
        Optional<SshEndpoint> jump = s.jump().map(j -> jumpEndpoint(j, s, seen));
        return new SshEndpoint(name, s.host(), s.port(), s.user(), s.privateKey(), s.password(),
                passphraseFor(s.privateKey()),
                s.knownHosts(), s.hostKeyChecking(), jump, s.connectTimeout());
    }

    /** A jump is another inventory host, or {@code user@host:port} with this host's key and checks. */
    private SshEndpoint jumpEndpoint(String jump, SshSettings from, List<String> seen) {
        Optional<Host> known = inventory.host(jump);
        if (known.isPresent()) {
            return of(known.get().name(), known.get().ssh(), seen);
        }
        Matcher m = USER_HOST_PORT.matcher(jump);
        if (!m.matches()) {
            throw new IllegalArgumentException("jump '" + jump + "' is neither an inventory host nor user@host:port");
        }
        String user = m.group(1) != null ? m.group(1) : from.user();
        int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : 22;
        return new SshEndpoint(jump, m.group(2), port, user, from.privateKey(), Optional.empty(),
                passphraseFor(from.privateKey()),
                from.knownHosts(), from.hostKeyChecking(), Optional.empty(), from.connectTimeout());
    }
}
