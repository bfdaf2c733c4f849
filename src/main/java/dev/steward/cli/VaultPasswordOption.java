package dev.steward.cli;

import dev.steward.secrets.VaultFiles;
import dev.steward.secrets.VaultPassword;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --vault-password-file}, else {@code STEWARD_VAULT_PASSWORD_FILE}: opens vars files that are vaults. */
final class VaultPasswordOption {

    @Option(names = "--vault-password-file", paramLabel = "FILE",
            description = "the vault password: the file's content, or its output when it is executable"
                    + " (default: $" + VaultPassword.ENV + ")")
    Path file;

    /** The password source, when one is configured. */
    Optional<VaultPassword> password() {
        return VaultPassword.configured(Optional.ofNullable(file), System.getenv());
    }

    /** What reads vars files that are whole vault files during a run. */
    VaultFiles files() {
        return VaultFiles.withPassword(password());
    }
}
