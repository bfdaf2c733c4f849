package dev.steward.transport.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Tells whether a private key file needs a passphrase, without asking for one. */
public final class EncryptedKey {

    private static final String OPENSSH = "-----BEGIN OPENSSH PRIVATE KEY-----";

    private EncryptedKey() {
    }

    public static boolean isEncrypted(Path keyFile) {
        String text;
        try {
            text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return false; // unreadable: the connection reports it with the real reason
        }
        if (text.contains("Proc-Type: 4,ENCRYPTED") || text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            return true;
        }
        int start = text.indexOf(OPENSSH);
        int end = text.indexOf("-----END", start + 1);
        if (start < 0 || end < 0) {
            return false;
        }
        try {
            byte[] blob = Base64.getMimeDecoder().decode(text.substring(start + OPENSSH.length(), end));
            // "openssh-key-v1\0", then the cipher name as an SSH string: "none" when not encrypted
            int at = "openssh-key-v1".length() + 1;
            int len = ((blob[at] & 0xff) << 24) | ((blob[at + 1] & 0xff) << 16) | ((blob[at + 2] & 0xff) << 8)
                    | (blob[at + 3] & 0xff);
            String cipher = new String(blob, at + 4, len, StandardCharsets.US_ASCII);
            return !cipher.equals("none");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
