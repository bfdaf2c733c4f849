package dev.steward.transport.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;

/** The {@code SHA256:…} fingerprint OpenSSH prints, so users can compare it with {@code ssh-keygen -lf}. */
final class HostKeyFingerprint {

    private HostKeyFingerprint() {}

    static String sha256(PublicKey key) {
        return sha256(blob(key));
    }

    static String sha256(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The key in SSH wire format, as written in known_hosts (base64) and hashed for fingerprints. */
    static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }
}
