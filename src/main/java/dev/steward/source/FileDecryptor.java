package dev.steward.source;

import java.nio.file.Path;

/**
 * Turns a file's text into the text to parse: a plain file passes through, a whole-file vault is
 * decrypted (the implementation lives in {@code dev.steward.secrets}; this package only knows the
 * headers). Given to {@link YamlReader} by whoever reads vars files, so no reader finds a password
 * in a global.
 */
@FunctionalInterface
public interface FileDecryptor {

    /** The text to parse; throws a {@link ValidationException} when the file cannot be opened. */
    String plainText(Path file, String text);

    /** Whether the text is a vault: it starts with {@code $STEWARD_VAULT} or {@code $ANSIBLE_VAULT}. */
    static boolean isVault(String text) {
        return text.startsWith("$STEWARD_VAULT") || text.startsWith("$ANSIBLE_VAULT");
    }

    /** No vault password configured: a vault file is a problem that says how to give one. */
    FileDecryptor NO_PASSWORD = (file, text) -> {
        if (isVault(text)) {
            throw ValidationException.of(new SourceLocation(file.toString(), 1, 1),
                    file + " is a vault: give --vault-password-file",
                    "or set STEWARD_VAULT_PASSWORD_FILE to a file holding the password");
        }
        return text;
    };
}
