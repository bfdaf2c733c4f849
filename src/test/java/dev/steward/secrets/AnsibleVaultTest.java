package dev.steward.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Ansible Vault files made by {@code make_ansible_vectors.py} (beside the vectors), which follows
 * Ansible's VaultAES256 with Python's hashlib/hmac and {@code openssl enc -aes-256-ctr}, checked
 * against the {@code cryptography} package: no Steward code made them.
 */
class AnsibleVaultTest {

    private static final VaultPassword.Secret PASSWORD = VaultPassword.Secret.of("correct horse battery staple");
    private static final String PLAIN = "db_password: s3cret-from-ansible\nrpc_token: 'tok-9f8e7d6c'\n";

    static String vector(String name) throws IOException {
        try (InputStream in = AnsibleVaultTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void readsVersion11() throws IOException {
        String text = vector("ansible-1.1.vault");
        assertThat(text).startsWith("$ANSIBLE_VAULT;1.1;AES256\n");
        assertThat(VaultText.decrypt(text, PASSWORD)).isEqualTo(PLAIN);
    }

    @Test
    void readsVersion12WithALabel() throws IOException {
        String text = vector("ansible-1.2.vault");
        assertThat(text).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n");
        assertThat(VaultText.decrypt(text, PASSWORD)).isEqualTo(PLAIN);
    }

    @Test
    void aWrongPasswordOrAChangedHexDigitFailsTheHmac() throws IOException {
        String text = vector("ansible-1.1.vault");
        assertThatThrownBy(() -> AnsibleVault.decrypt(text, VaultPassword.Secret.of("wrong")))
                .hasMessage(VaultException.WRONG_PASSWORD_MESSAGE);
        // change one hex digit of the ciphertext inside the (hex-encoded) body
        String[] lines = text.split("\n");
        StringBuilder hex = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            hex.append(lines[i]);
        }
        char[] inner = new String(java.util.HexFormat.of().parseHex(hex), StandardCharsets.US_ASCII).toCharArray();
        int last = inner.length - 1;
        inner[last] = inner[last] == '0' ? '1' : '0';
        String tampered = lines[0] + "\n"
                + java.util.HexFormat.of().formatHex(new String(inner).getBytes(StandardCharsets.US_ASCII)) + "\n";
        assertThatThrownBy(() -> AnsibleVault.decrypt(tampered, PASSWORD))
                .hasMessage(VaultException.WRONG_PASSWORD_MESSAGE);
        assertThat(AnsibleVault.decrypt(text, PASSWORD)).isEqualTo(PLAIN);
    }

    @Test
    void otherCiphersAreNamed() {
        assertThatThrownBy(() -> AnsibleVault.decrypt("$ANSIBLE_VAULT;1.1;AES\n00\n", PASSWORD))
                .hasMessageContaining("cipher AES is not supported");
    }
}
