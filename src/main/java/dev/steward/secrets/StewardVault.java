package dev.steward.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Steward's own vault file format, version 1.
 *
 * <pre>
 * $STEWARD_VAULT;1;AES256-GCM;PBKDF2-SHA256;600000
 * base64( salt[16] | nonce[12] | ciphertext | tag[16] ), wrapped at 80 columns
 * </pre>
 *
 * <ul>
 * <li>Line 1, the header, has five fields separated by {@code ;}: the magic {@code $STEWARD_VAULT},
 * the format version {@code 1}, the cipher {@code AES256-GCM}, the key derivation
 * {@code PBKDF2-SHA256} and its iteration count. The count is stored so it can be raised later
 * without breaking old files; files are written with {@link #DEFAULT_ITERATIONS}; a file with fewer
 * than {@link #MIN_ITERATIONS} or more than {@link #MAX_ITERATIONS} is refused.</li>
 * <li>The key: 32 bytes of PBKDF2-HMAC-SHA256 over the password's UTF-8 bytes with the salt
 * (16 random bytes, new for every write).</li>
 * <li>The cipher: AES-256-GCM with a random 12-byte nonce and a 128-bit tag; the header line
 * (without its newline, as ASCII) is the additional authenticated data, so a changed header fails
 * authentication like a changed byte of ciphertext does.</li>
 * <li>The body: standard base64 (with padding) of salt, nonce, then ciphertext with the tag
 * appended (as {@code javax.crypto} emits it), in lines of at most 80 characters, each ending with
 * a newline. Readers ignore whitespace in the body.</li>
 * <li>The plaintext is UTF-8 YAML (a map of variables when the file is a vars file).</li>
 * </ul>
 *
 * A wrong password and a changed byte cannot be told apart (that is the point of authentication):
 * both fail with "{@value VaultException#WRONG_PASSWORD_MESSAGE}".
 */
public final class StewardVault {

    public static final String MAGIC = "$STEWARD_VAULT";
    public static final int DEFAULT_ITERATIONS = 600_000;
    public static final int MIN_ITERATIONS = 1_000;
    public static final int MAX_ITERATIONS = 100_000_000;
    static final String VERSION = "1";
    static final String CIPHER = "AES256-GCM";
    static final String KDF = "PBKDF2-SHA256";
    private static final int SALT = 16;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final int LINE = 80;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StewardVault() {
    }

    /** A vault file's text holding {@code plaintext}, with {@link #DEFAULT_ITERATIONS}. */
    public static String encrypt(String plaintext, VaultPassword.Secret password) {
        return encrypt(plaintext, password, DEFAULT_ITERATIONS);
    }

    public static String encrypt(String plaintext, VaultPassword.Secret password, int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations out of range: " + iterations);
        }
        String header = String.join(";", MAGIC, VERSION, CIPHER, KDF, Integer.toString(iterations));
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        byte[] sealed;
        byte[] plain = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, password, salt, nonce, iterations, header);
            sealed = c.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        byte[] body = new byte[SALT + NONCE + sealed.length];
        System.arraycopy(salt, 0, body, 0, SALT);
        System.arraycopy(nonce, 0, body, SALT, NONCE);
        System.arraycopy(sealed, 0, body, SALT + NONCE, sealed.length);
        String b64 = Base64.getEncoder().encodeToString(body);
        StringBuilder out = new StringBuilder(header).append('\n');
        for (int i = 0; i < b64.length(); i += LINE) {
            out.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
        }
        return out.toString();
    }

    /** The plaintext of a Steward vault file's text. */
    public static String decrypt(String text, VaultPassword.Secret password) {
        int nl = text.indexOf('\n');
        String header = (nl < 0 ? text : text.substring(0, nl)).strip();
        String[] f = header.split(";", -1);
        if (f.length != 5 || !f[0].equals(MAGIC)) {
            throw new VaultException(VaultException.Kind.FORMAT, "not a Steward vault: the first line should be "
                    + MAGIC + ";1;" + CIPHER + ";" + KDF + ";<iterations>");
        }
        if (!f[1].equals(VERSION)) {
            throw new VaultException(VaultException.Kind.FORMAT, "vault format version " + f[1]
                    + " is not known to this Steward (it reads version " + VERSION + "): upgrade Steward");
        }
        if (!f[2].equals(CIPHER) || !f[3].equals(KDF)) {
            throw new VaultException(VaultException.Kind.FORMAT, "unknown vault cipher or key derivation '"
                    + f[2] + ";" + f[3] + "' (this Steward knows " + CIPHER + ";" + KDF + ")");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(f[4]);
        } catch (NumberFormatException e) {
            iterations = -1;
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new VaultException(VaultException.Kind.FORMAT, "the vault header's iteration count '" + f[4]
                    + "' is outside " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
        byte[] body;
        try {
            body = Base64.getMimeDecoder().decode(nl < 0 ? "" : text.substring(nl + 1).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw VaultException.wrongPassword(); // a changed character can break base64 too
        }
        if (body.length < SALT + NONCE + TAG_BITS / 8) {
            throw new VaultException(VaultException.Kind.FORMAT, "the vault is truncated");
        }
        byte[] salt = Arrays.copyOfRange(body, 0, SALT);
        byte[] nonce = Arrays.copyOfRange(body, SALT, SALT + NONCE);
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, password, salt, nonce, iterations, header);
            byte[] plain = c.doFinal(body, SALT + NONCE, body.length - SALT - NONCE);
            try {
                return new String(plain, StandardCharsets.UTF_8);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } catch (AEADBadTagException e) {
            throw VaultException.wrongPassword();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    private static Cipher cipher(int mode, VaultPassword.Secret password, byte[] salt, byte[] nonce, int iterations,
            String header) throws GeneralSecurityException {
        byte[] key = pbkdf2(password, salt, iterations, 32);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
            return c;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** PBKDF2-HMAC-SHA256 over the password's UTF-8 bytes (the JDK's PBKDF2 encodes chars as UTF-8). */
    static byte[] pbkdf2(VaultPassword.Secret password, byte[] salt, int iterations, int length)
            throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password.chars(), salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } finally {
            spec.clearPassword();
        }
    }
}
