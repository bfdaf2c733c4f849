package dev.steward.secrets;

import dev.steward.source.FileDecryptor;
import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.ValidationException;
import dev.steward.source.YNode;
import dev.steward.source.YamlReader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens vars files that are whole vault files during a run, with the password it was given (none:
 * such a file is a problem that says to give {@code --vault-password-file}), and records every value
 * it decrypted in {@link #secrets()} so the run masks them.
 */
public final class VaultFiles implements FileDecryptor {

    private final Optional<VaultPassword> password;
    private final SecretValues secrets = new SecretValues();

    private VaultFiles(Optional<VaultPassword> password) {
        this.password = password;
    }

    public static VaultFiles with(VaultPassword password) {
        return new VaultFiles(Optional.of(password));
    }

    public static VaultFiles withPassword(Optional<VaultPassword> password) {
        return new VaultFiles(password);
    }

    /** No password configured. */
    public static VaultFiles none() {
        return new VaultFiles(Optional.empty());
    }

    /** The values decrypted so far. */
    public SecretValues secrets() {
        return secrets;
    }

    @Override
    public String plainText(Path file, String text) {
        if (!FileDecryptor.isVault(text)) {
            return text;
        }
        if (password.isEmpty()) {
            return FileDecryptor.NO_PASSWORD.plainText(file, text);
        }
        SourceLocation at = new SourceLocation(file.toString(), 1, 1);
        String plain;
        try {
            plain = VaultText.decrypt(text, password.get().get());
        } catch (VaultException e) {
            String hint = switch (e.kind()) {
                case WRONG_PASSWORD -> "check the password from " + password.get().description();
                case NO_PASSWORD, IO -> "check --vault-password-file or STEWARD_VAULT_PASSWORD_FILE";
                case FORMAT -> "";
            };
            throw ValidationException.of(at, "cannot open the vault: " + e.getMessage(), hint);
        }
        remember(file, plain);
        return plain;
    }

    /** Every scalar value of the plaintext is a secret (keys are not). */
    private void remember(Path file, String plain) {
        secrets.add(plain.strip());
        try {
            collect(new YamlReader(new Problems()).read(file.toString(), plain));
        } catch (ValidationException e) {
            // the caller parses the same text again and reports the syntax error
        }
    }

    private void collect(YNode node) {
        if (node instanceof YNode.YScalar s) {
            boolean flag = s.plain() && (s.text().equals("true") || s.text().equals("false"));
            if (!s.isNull() && !flag) { // a boolean is no secret; masking every "true" would hide too much
                secrets.add(s.text());
            }
        } else if (node instanceof YNode.YSeq seq) {
            seq.items().forEach(this::collect);
        } else if (node instanceof YNode.YMap map) {
            map.entries().values().forEach(e -> collect(e.value()));
        }
    }
}
