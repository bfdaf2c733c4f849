package dev.steward.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Key files made by the real {@code ssh-keygen}, as users make them. */
public final class SshKeygen {

    private SshKeygen() {}

    /** A new key pair: {@code dir/name} (private) and {@code dir/name.pub}. */
    public static Path generate(Path dir, String name, String type, String passphrase, boolean pemFormat)
            throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", name,
                "-f", key.toString()));
        if (pemFormat) {
            command.addAll(List.of("-m", "PEM"));
        }
        run(command);
        return key;
    }

    public static Path ed25519(Path dir, String name) throws IOException, InterruptedException {
        return generate(dir, name, "ed25519", "", false);
    }

    /** Rewrites every host name in a known_hosts file in hashed {@code |1|salt|hash} form. */
    public static void hashKnownHosts(Path knownHosts) throws IOException, InterruptedException {
        run(List.of("ssh-keygen", "-q", "-H", "-f", knownHosts.toString()));
        Files.deleteIfExists(Path.of(knownHosts + ".old"));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
