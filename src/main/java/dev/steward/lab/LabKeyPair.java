package dev.steward.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The ed25519 key pair a lab's hosts accept, kept in the lab folder ({@code id_ed25519}, {@code id_ed25519.pub}). */
public record LabKeyPair(Path privateKey, Path publicKey) {

    public static final String FILE_NAME = "id_ed25519";

    /** Reuses the pair in {@code dir} or makes one with ssh-keygen (no passphrase). */
    public static LabKeyPair ensureIn(Path dir) {
        Path privateKey = dir.resolve(FILE_NAME);
        Path publicKey = dir.resolve(FILE_NAME + ".pub");
        if (Files.isRegularFile(privateKey) && Files.isRegularFile(publicKey)) {
            return new LabKeyPair(privateKey, publicKey);
        }
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(privateKey);
            Files.deleteIfExists(publicKey);
            Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "steward-lab",
                    "-f", privateKey.toString()).redirectErrorStream(true).start();
            keygen.getOutputStream().close();
            String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
                throw new LabException("ssh-keygen could not make " + privateKey + ": " + output.strip());
            }
        } catch (IOException e) {
            throw new LabException("cannot make the lab key pair in " + dir + " (" + e.getMessage()
                    + "): is ssh-keygen installed (Debian: apt-get install openssh-client)?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while making the lab key pair", e);
        }
        return new LabKeyPair(privateKey, publicKey);
    }

    public String publicKeyText() {
        try {
            return Files.readString(publicKey, StandardCharsets.UTF_8).strip() + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
