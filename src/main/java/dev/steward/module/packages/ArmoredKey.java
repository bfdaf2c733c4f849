package dev.steward.module.packages;

import dev.steward.module.ModuleFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An OpenPGP key as apt wants it in {@code /etc/apt/keyrings}: binary packets. An ASCII-armored key
 * is dearmored here, byte for byte what {@code gpg --dearmor} writes (the base64 body between the
 * armor headers), so a fresh host needs no gnupg.
 */
final class ArmoredKey {

    private static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private static final String END = "-----END PGP PUBLIC KEY BLOCK-----";

    private ArmoredKey() {
    }

    static boolean isArmored(byte[] key) {
        return new String(key, 0, Math.min(key.length, 4096), StandardCharsets.ISO_8859_1).contains(BEGIN);
    }

    /** The binary key; {@code key} unchanged when it is not armored. */
    static byte[] dearmor(byte[] key, String where) throws ModuleFailure {
        if (!isArmored(key)) {
            if (key.length == 0 || (key[0] & 0x80) == 0) {
                throw new ModuleFailure(where + " is neither an ASCII-armored OpenPGP key (-----BEGIN PGP PUBLIC KEY "
                        + "BLOCK-----) nor a binary one; check the URL or the key text");
            }
            return key;
        }
        String text = new String(key, StandardCharsets.US_ASCII).replace("\r", "");
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END, begin);
        if (end < 0) {
            throw new ModuleFailure(where + ": the armored key has no '" + END + "' line");
        }
        String[] lines = text.substring(begin + BEGIN.length(), end).split("\n");
        StringBuilder body = new StringBuilder();
        int i = 1; // lines[0] is the rest of the BEGIN line
        while (i < lines.length && lines[i].contains(": ")) {
            i++; // armor headers (Version: …, Comment: …)
        }
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("=")) {
                break; // the CRC-24 line
            }
            body.append(line);
        }
        try {
            return Base64.getDecoder().decode(body.toString());
        } catch (IllegalArgumentException e) {
            throw new ModuleFailure(where + ": the armored key's body is not valid base64 (" + e.getMessage() + ")");
        }
    }
}
