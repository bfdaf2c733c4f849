package dev.steward.cli;

import dev.steward.engine.RunSummary;
import dev.steward.secrets.PrivateFiles;
import dev.steward.secrets.StewardVault;
import dev.steward.secrets.VaultEditor;
import dev.steward.secrets.VaultException;
import dev.steward.secrets.VaultPassword;
import dev.steward.secrets.VaultText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code steward vault create|encrypt|decrypt|view|edit|rekey FILE}: Steward's vault files (see
 * {@link StewardVault}); Ansible Vault files are read too and written back in Steward's format.
 */
@Command(name = "vault", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Encrypt, decrypt, view and edit vault files (whole YAML vars files, AES-256-GCM).",
        subcommands = {VaultCommand.Create.class, VaultCommand.Encrypt.class, VaultCommand.Decrypt.class,
                VaultCommand.View.class, VaultCommand.Edit.class, VaultCommand.Rekey.class})
public final class VaultCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a vault command: create, encrypt, decrypt, view, edit or rekey");
    }

    /** What every vault command shares: the file, the password, the error handling. */
    abstract static class Action implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the vault file")
        Path file;

        @Option(names = "--vault-password-file", paramLabel = "FILE",
                description = "the vault password: the file's content, or its output when it is executable"
                        + " (default: $" + VaultPassword.ENV + ", else asked on the terminal)")
        Path passwordFile;

        @Override
        public final Integer call() throws InterruptedException {
            try {
                return act();
            } catch (VaultException e) {
                err().println("ERROR: " + file + ": " + e.getMessage());
                return e.kind() == VaultException.Kind.NO_PASSWORD ? RunSummary.BAD_OPTIONS : RunSummary.ERROR;
            }
        }

        abstract int act() throws InterruptedException;

        /** The password of an existing vault. */
        VaultPassword password() {
            return VaultPassword.configuredOrPrompt(Optional.ofNullable(passwordFile), System.getenv(),
                    "Vault password: ", false);
        }

        /** The password for a new vault: asked twice when it comes from the terminal. */
        VaultPassword newPassword() {
            return VaultPassword.configuredOrPrompt(Optional.ofNullable(passwordFile), System.getenv(),
                    "New vault password: ", true);
        }

        String readVault() {
            String text = PrivateFiles.read(file);
            if (!VaultText.isVault(text)) {
                throw new VaultException(VaultException.Kind.FORMAT, "not a vault (it does not start with "
                        + StewardVault.MAGIC + " or $ANSIBLE_VAULT)");
            }
            return text;
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        void done(String what) {
            err().println(what);
            err().flush();
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a new vault: write its YAML in the editor, or give it on stdin with --stdin.")
    static final class Create extends Action {

        @Option(names = "--stdin", description = "read the plaintext from standard input instead of an editor")
        boolean stdin;

        @Option(names = "--editor", paramLabel = "COMMAND", description = "the editor (default: $EDITOR, else vi)")
        String editor;

        @Override
        int act() throws InterruptedException {
            if (Files.exists(file)) {
                throw new VaultException(VaultException.Kind.IO, "already exists: use 'steward vault edit'");
            }
            VaultPassword password = newPassword();
            password.get(); // before the editor: a missing password should not cost the user their typing
            String plain;
            if (stdin) {
                try {
                    plain = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new VaultException(VaultException.Kind.IO, "cannot read standard input: " + e.getMessage());
                }
            } else {
                plain = new VaultEditor(editorCommand(editor)).edit(file.getFileName().toString(), "");
            }
            if (plain.isBlank()) {
                done("Nothing was written: " + file + " was not created.");
                return RunSummary.OK;
            }
            PrivateFiles.write(file, StewardVault.encrypt(plain, password.get()));
            done("Created " + file + " (mode 0600).");
            return RunSummary.OK;
        }
    }

    @Command(name = "encrypt", mixinStandardHelpOptions = true,
            description = "Encrypt a plaintext YAML file in place (an Ansible vault is rewritten in Steward's format).")
    static final class Encrypt extends Action {
        @Override
        int act() {
            String text = PrivateFiles.read(file);
            if (text.startsWith(StewardVault.MAGIC)) {
                throw new VaultException(VaultException.Kind.FORMAT, "already a Steward vault");
            }
            if (VaultText.isAnsibleVault(text)) { // migration: same password, Steward's format
                VaultPassword.Secret password = password().get();
                PrivateFiles.write(file, StewardVault.encrypt(VaultText.decrypt(text, password), password));
            } else {
                PrivateFiles.write(file, StewardVault.encrypt(text, newPassword().get()));
            }
            done("Encrypted " + file + " (mode 0600).");
            return RunSummary.OK;
        }
    }

    @Command(name = "decrypt", mixinStandardHelpOptions = true,
            description = "Decrypt a vault in place: the file becomes plaintext (mode 0600).")
    static final class Decrypt extends Action {
        @Override
        int act() {
            String plain = VaultText.decrypt(readVault(), password().get());
            PrivateFiles.write(file, plain);
            done("Decrypted " + file + " (mode 0600): it now holds plaintext.");
            return RunSummary.OK;
        }
    }

    @Command(name = "view", mixinStandardHelpOptions = true, description = "Print a vault's plaintext.")
    static final class View extends Action {
        @Override
        int act() {
            String plain = VaultText.decrypt(readVault(), password().get());
            PrintWriter out = spec.commandLine().getOut();
            out.print(plain);
            out.flush();
            return RunSummary.OK;
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true,
            description = "Edit a vault: its plaintext goes to a 0600 file in memory (/dev/shm) for the editor,"
                    + " and is removed afterwards; the vault is rewritten only when the text changed.")
    static final class Edit extends Action {

        @Option(names = "--editor", paramLabel = "COMMAND", description = "the editor (default: $EDITOR, else vi)")
        String editor;

        @Override
        int act() throws InterruptedException {
            String text = readVault();
            VaultPassword password = password();
            String plain = VaultText.decrypt(text, password.get());
            String edited = new VaultEditor(editorCommand(editor)).edit(file.getFileName().toString(), plain);
            if (edited.equals(plain)) {
                done("No change: " + file + " was left as it was.");
                return RunSummary.OK;
            }
            PrivateFiles.write(file, StewardVault.encrypt(edited, password.get()));
            done("Saved " + file + ".");
            return RunSummary.OK;
        }
    }

    @Command(name = "rekey", mixinStandardHelpOptions = true,
            description = "Encrypt a vault with a new password (an Ansible vault becomes a Steward vault).")
    static final class Rekey extends Action {

        @Option(names = "--new-vault-password-file", paramLabel = "FILE",
                description = "the new password (default: asked on the terminal, twice)")
        Path newPasswordFile;

        @Override
        int act() {
            String plain = VaultText.decrypt(readVault(), password().get());
            VaultPassword fresh = newPasswordFile != null ? VaultPassword.file(newPasswordFile)
                    : VaultPassword.prompt("New vault password: ", true);
            PrivateFiles.write(file, StewardVault.encrypt(plain, fresh.get()));
            done("Rekeyed " + file + ".");
            return RunSummary.OK;
        }
    }

    static String editorCommand(String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        String env = System.getenv("EDITOR");
        return env == null || env.isBlank() ? "vi" : env;
    }
}
