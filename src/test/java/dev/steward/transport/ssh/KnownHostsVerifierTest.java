package dev.steward.transport.ssh;

import static dev.steward.transport.SshEndpoint.HostKeyChecking.ACCEPT_NEW;
import static dev.steward.transport.SshEndpoint.HostKeyChecking.STRICT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.transport.TransportException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KnownHostsVerifier on its own: known_hosts texts against keys, no server. */
class KnownHostsVerifierTest {

    @TempDir
    Path dir;

    static PublicKey rsa;
    static PublicKey otherRsa;
    static PublicKey ecdsa;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        rsa = rsaGenerator.generateKeyPair().getPublic();
        otherRsa = rsaGenerator.generateKeyPair().getPublic();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        ecdsa = ecGenerator.generateKeyPair().getPublic();
    }

    private Path knownHosts(String... lines) throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static String b64(PublicKey key) {
        return Base64.getEncoder().encodeToString(HostKeyFingerprint.blob(key));
    }

    private static String hashed(String host) throws Exception {
        byte[] salt = new byte[20];
        new java.util.Random(7).nextBytes(salt);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        Base64.Encoder enc = Base64.getEncoder();
        return "|1|" + enc.encodeToString(salt) + "|" + enc.encodeToString(mac.doFinal(host.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void matchesPlainPortAndHashedLinesByTheKeyBytes() throws Exception {
        Path file = knownHosts("# comment", "", "other.example ssh-rsa " + b64(otherRsa),
                "web.example ssh-rsa " + b64(rsa) + " a comment",
                "[web.example]:2222 ecdsa-sha2-nistp256 " + b64(ecdsa),
                hashed("hidden.example") + " ssh-rsa " + b64(rsa));
        assertThat(new KnownHostsVerifier(file, STRICT, "web").verify("WEB.example", 22, rsa)).isTrue();
        assertThat(new KnownHostsVerifier(file, STRICT, "web").verify("web.example", 2222, ecdsa)).isTrue();
        assertThat(new KnownHostsVerifier(file, STRICT, "hidden").verify("hidden.example", 22, rsa)).isTrue();
        assertThat(new KnownHostsVerifier(file, STRICT, "web").findExistingAlgorithms("web.example", 22)).containsExactly("ssh-rsa");
        assertThat(new KnownHostsVerifier(file, STRICT, "web").findExistingAlgorithms("web.example", 2222))
                .containsExactly("ecdsa-sha2-nistp256");
        assertThat(new KnownHostsVerifier(file, STRICT, "x").findExistingAlgorithms("nowhere.example", 22)).isEmpty();
    }

    @Test
    void aChangedKeyIsRefusedWithBothFingerprints() throws Exception {
        Path file = knownHosts("web.example ssh-rsa " + b64(otherRsa));
        KnownHostsVerifier verifier = new KnownHostsVerifier(file, ACCEPT_NEW, "web");
        assertThat(verifier.verify("web.example", 22, rsa)).isFalse();
        assertThat(verifier.rejection()).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(Reason.HOST_KEY_CHANGED);
            assertThat(r.message()).contains(HostKeyFingerprint.sha256(otherRsa)).contains(HostKeyFingerprint.sha256(rsa));
        });
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void aRevokedKeyIsNeverAccepted() throws Exception {
        Path file = knownHosts("@revoked web.example ssh-rsa " + b64(rsa));
        KnownHostsVerifier verifier = new KnownHostsVerifier(file, ACCEPT_NEW, "web");
        assertThat(verifier.verify("web.example", 22, rsa)).isFalse();
        assertThat(verifier.rejection().orElseThrow().reason()).isEqualTo(Reason.HOST_KEY_CHANGED);
    }

    @Test
    void aCertificateAuthorityLineDoesNotAcceptAPlainKeyOfAnotherTypeButOffersCertificateTypes() throws Exception {
        Path file = knownHosts("@cert-authority *.example ecdsa-sha2-nistp256 " + b64(ecdsa));
        assertThat(new KnownHostsVerifier(file, STRICT, "web").verify("web.example", 22, rsa)).isFalse();
        assertThat(new KnownHostsVerifier(file, STRICT, "web").findExistingAlgorithms("web.example", 22))
                .isNotEmpty().allMatch(type -> type.contains("-cert-"));
    }

    @Test
    void unreadableLinesAreSkippedAndAnUnknownHostIsRecordedUnderAcceptNew() throws Exception {
        Path file = knownHosts("web.example ssh-rsa not-base64!", "web.example", "web.example ssh-unknown AAAA",
                "web.example ssh-rsa " + Base64.getEncoder().encodeToString("junk".getBytes(StandardCharsets.UTF_8)),
                "|1|bad web.example ssh-rsa " + b64(otherRsa));
        KnownHostsVerifier strict = new KnownHostsVerifier(file, STRICT, "web");
        assertThat(strict.verify("web.example", 22, rsa)).isFalse();
        assertThat(strict.rejection().orElseThrow().reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN);
        assertThat(new KnownHostsVerifier(file, ACCEPT_NEW, "web").verify("web.example", 22, rsa)).isTrue();
        assertThat(Files.readAllLines(file)).last().isEqualTo("web.example ssh-rsa " + b64(rsa));
        assertThat(new KnownHostsVerifier(file, STRICT, "web").verify("web.example", 22, rsa)).isTrue();
    }
}
