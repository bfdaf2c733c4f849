package dev.steward.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class StewardVaultTest {

    private static final VaultPassword.Secret PASSWORD = VaultPassword.Secret.of("pässwörd with spaces");
    private static final int FAST = 1_000; // the format stores the count; tests need no 600000
    private static final String PLAIN = "db_password: 'hunter2-but-longer'\nrpc: [a, b]\n";

    @Test
    void roundTripWithTheDefaultIterationCountStoredInTheHeader() {
        String vault = StewardVault.encrypt(PLAIN, PASSWORD);
        assertThat(vault).startsWith("$STEWARD_VAULT;1;AES256-GCM;PBKDF2-SHA256;600000\n");
        assertThat(StewardVault.decrypt(vault, PASSWORD)).isEqualTo(PLAIN);
    }

    @Test
    void theBodyIsBase64OfSaltNonceAndSealedTextInLinesOf80() {
        String plain = "x: " + "y".repeat(300) + "\n";
        String vault = StewardVault.encrypt(plain, PASSWORD, FAST);
        String[] lines = vault.split("\n");
        assertThat(lines[0]).isEqualTo("$STEWARD_VAULT;1;AES256-GCM;PBKDF2-SHA256;1000");
        for (int i = 1; i < lines.length - 1; i++) {
            assertThat(lines[i]).hasSize(80);
        }
        assertThat(lines[lines.length - 1].length()).isBetween(1, 80);
        assertThat(vault).endsWith("\n").doesNotContain("yyyy");
        byte[] body = Base64.getMimeDecoder().decode(vault.substring(vault.indexOf('\n') + 1));
        assertThat(body).hasSize(16 + 12 + plain.length() + 16);
        assertThat(StewardVault.decrypt(vault, PASSWORD)).isEqualTo(plain);
    }

    @Test
    void eachWriteHasItsOwnSaltAndNonce() {
        assertThat(StewardVault.encrypt(PLAIN, PASSWORD, FAST)).isNotEqualTo(StewardVault.encrypt(PLAIN, PASSWORD, FAST));
    }

    @Test
    void aWrongPasswordFailsClearly() {
        String vault = StewardVault.encrypt(PLAIN, PASSWORD, FAST);
        assertThatThrownBy(() -> StewardVault.decrypt(vault, VaultPassword.Secret.of("pässwörd with space")))
                .isInstanceOf(VaultException.class)
                .hasMessage("the vault password is wrong or the file was changed")
                .satisfies(e -> assertThat(((VaultException) e).kind()).isEqualTo(VaultException.Kind.WRONG_PASSWORD))
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void everyChangedByteOfTheBodyFailsAuthentication() {
        String vault = StewardVault.encrypt(PLAIN, PASSWORD, FAST);
        int headerEnd = vault.indexOf('\n') + 1;
        byte[] body = Base64.getMimeDecoder().decode(vault.substring(headerEnd));
        for (int i = 0; i < body.length; i++) {
            byte[] changed = body.clone();
            changed[i] ^= 0x01;
            String tampered = vault.substring(0, headerEnd) + Base64.getEncoder().encodeToString(changed) + "\n";
            assertThatThrownBy(() -> StewardVault.decrypt(tampered, PASSWORD))
                    .as("byte %d", i).hasMessage(VaultException.WRONG_PASSWORD_MESSAGE);
        }
    }

    @Test
    void aChangedCharacterInTheTextAndAChangedHeaderFailToo() {
        String vault = StewardVault.encrypt(PLAIN, PASSWORD, FAST);
        int at = vault.indexOf('\n') + 20;
        char c = vault.charAt(at);
        String tampered = vault.substring(0, at) + (c == 'A' ? 'B' : 'A') + vault.substring(at + 1);
        assertThatThrownBy(() -> StewardVault.decrypt(tampered, PASSWORD))
                .hasMessage(VaultException.WRONG_PASSWORD_MESSAGE);
        assertThatThrownBy(() -> StewardVault.decrypt(vault.replace(";1000\n", ";1001\n"), PASSWORD))
                .hasMessage(VaultException.WRONG_PASSWORD_MESSAGE);
    }

    @Test
    void unknownVersionsAndWeakCountsAreNamed() {
        String vault = StewardVault.encrypt(PLAIN, PASSWORD, FAST);
        assertThatThrownBy(() -> StewardVault.decrypt(vault.replace("VAULT;1;", "VAULT;2;"), PASSWORD))
                .hasMessageContaining("vault format version 2 is not known");
        assertThatThrownBy(() -> StewardVault.decrypt(vault.replace(";1000\n", ";10\n"), PASSWORD))
                .hasMessageContaining("iteration count '10' is outside");
        assertThatThrownBy(() -> StewardVault.decrypt("$STEWARD_VAULT;1;AES256-GCM;PBKDF2-SHA256;1000\nAAAA\n",
                PASSWORD)).hasMessage("the vault is truncated");
    }

    @Test
    void thePasswordNeverShowsInToString() {
        assertThat(PASSWORD.toString()).isEqualTo("********");
        assertThat(VaultPassword.of("abc12345").toString()).doesNotContain("abc12345");
    }
}
