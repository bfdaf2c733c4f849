package dev.steward.secrets;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs an editor on a vault's plaintext in a {@link PlaintextScratch} and gives back what was saved.
 * The editor command is run by {@code sh -c}, so {@code EDITOR="code --wait"} works; the file name
 * is passed as an argument, never pasted into the command.
 */
public final class VaultEditor {

    private final String command;

    /** @param command the editor, as in {@code $EDITOR} */
    public VaultEditor(String command) {
        this.command = command;
    }

    /** The text after editing {@code text} in a scratch file named {@code name}; the scratch is removed. */
    public String edit(String name, String text) throws InterruptedException {
        try (PlaintextScratch scratch = PlaintextScratch.create(name, text)) {
            run(scratch.file());
            return scratch.read();
        }
    }

    private void run(Path file) throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command + " \"$1\"", "steward-vault-editor",
                file.toString()).inheritIO();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot start the editor '" + command + "': "
                    + e.getMessage());
        }
        try {
            int code = p.waitFor();
            if (code != 0) {
                throw new VaultException(VaultException.Kind.IO, "the editor '" + command + "' exited with code "
                        + code + "; the vault is unchanged");
            }
        } catch (InterruptedException e) {
            p.destroy();
            throw e;
        }
    }
}
