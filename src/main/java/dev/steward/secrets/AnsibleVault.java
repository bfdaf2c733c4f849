package dev.steward.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads Ansible Vault files so users can migrate ({@code steward vault rekey} or {@code encrypt}
 * writes them back in Steward's format). Steward never writes this format.
 *
 * <pre>
 * $ANSIBLE_VAULT;1.1;AES256            or   $ANSIBLE_VAULT;1.2;AES256;LABEL
 * hex( hex(salt) \n hex(hmac) \n hex(ciphertext) ), wrapped at 80 columns
 * </pre>
 *
 * As in Ansible's {@code lib/ansible/parsing/vault} ({@code VaultAES256}): the body lines are joined
 * and hex-decoded, giving three lines: the hex salt (32 bytes when Ansible writes it), the hex
 * HMAC and the hex ciphertext. PBKDF2-HMAC-SHA256 of the password's bytes with the salt, 10000
 * iterations, gives 80 bytes: the AES key (32), the HMAC key (32), the initial counter block (16).
 * The HMAC-SHA256 (HMAC key) of the ciphertext must match, checked before decrypting; the
 * ciphertext is AES-256-CTR (a 128-bit big-endian counter) over the PKCS#7-padded plaintext. The
 * label of a 1.2 file (the vault id) is ignored: there is one password.
 */
public final class AnsibleVault {

    public static final String MAGIC = "$ANSIBLE_VAULT";
    static final int ITERATIONS = 10_000;

    private AnsibleVault() {
    }

    /** The plaintext of an Ansible vault file's text. */
    public static String decrypt(String text, VaultPassword.Secret password) {
        String[] lines = text.strip().split("\\R");
        String[] header = lines[0].strip().split(";");
        if (header.length < 3 || !header[0].equals(MAGIC)) {
            throw format("not an Ansible vault: the first line should be " + MAGIC + ";1.1;AES256");
        }
        String version = header[1].strip();
        if (!version.equals("1.1") && !version.equals("1.2")) {
            throw format("Ansible vault format " + version + " is not supported (1.1 and 1.2 are)");
        }
        if (!header[2].strip().equals("AES256")) {
            throw format("Ansible vault cipher " + header[2].strip() + " is not supported (AES256 is)");
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            hex.append(lines[i].strip());
        }
        byte[] salt;
        byte[] mac;
        byte[] ciphertext;
        try {
            String inner = new String(HexFormat.of().parseHex(hex), StandardCharsets.US_ASCII);
            String[] parts = inner.split("\n", 3);
            if (parts.length != 3) {
                throw format("the Ansible vault body does not hold a salt, an HMAC and a ciphertext");
            }
            salt = HexFormat.of().parseHex(parts[0]);
            mac = HexFormat.of().parseHex(parts[1]);
            ciphertext = HexFormat.of().parseHex(parts[2]);
        } catch (IllegalArgumentException e) {
            throw format("the Ansible vault body is not valid hex (damaged file?)");
        }
        if (ciphertext.length == 0 || ciphertext.length % 16 != 0) {
            throw VaultException.wrongPassword();
        }
        byte[] derived = null;
        byte[] padded = null;
        try {
            derived = StewardVault.pbkdf2(password, salt, ITERATIONS, 80);
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(derived, 32, 32, "HmacSHA256"));
            if (!MessageDigest.isEqual(hmac.doFinal(ciphertext), mac)) {
                throw VaultException.wrongPassword();
            }
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derived, 0, 32, "AES"),
                    new IvParameterSpec(derived, 64, 16));
            padded = aes.doFinal(ciphertext);
            int pad = padded[padded.length - 1] & 0xff;
            if (pad < 1 || pad > 16) {
                throw format("the Ansible vault's padding is invalid");
            }
            for (int i = padded.length - pad; i < padded.length; i++) {
                if ((padded[i] & 0xff) != pad) {
                    throw format("the Ansible vault's padding is invalid");
                }
            }
            return new String(padded, 0, padded.length - pad, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR or HMAC-SHA256 is not available in this JDK", e);
        } finally {
            if (derived != null) {
                Arrays.fill(derived, (byte) 0);
            }
            if (padded != null) {
                Arrays.fill(padded, (byte) 0);
            }
        }
    }

    private static VaultException format(String message) {
        return new VaultException(VaultException.Kind.FORMAT, message);
    }
}
