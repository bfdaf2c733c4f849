package dev.steward.secrets;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where a vault password comes from, read once when first needed and then kept in memory (never
 * printed: {@link Secret#toString()} is a mask).
 *
 * <ul>
 * <li>{@code --vault-password-file FILE}, else the file named by {@value #ENV}: the file's content
 * with one trailing newline ({@code \n} or {@code \r\n}) removed; when the file is executable it is
 * run (no arguments) and its standard output is the password, as in Ansible;</li>
 * <li>else, for {@code steward vault}, a prompt on the terminal (not echoed).</li>
 * </ul>
 */
public final class VaultPassword {

    public static final String ENV = "STEWARD_VAULT_PASSWORD_FILE";
    private static final long SCRIPT_TIMEOUT_SECONDS = 60;

    /** A password in memory. */
    public static final class Secret {
        private final char[] chars;

        private Secret(char[] chars) {
            this.chars = chars.clone();
        }

        public static Secret of(String password) {
            return new Secret(password.toCharArray());
        }

        char[] chars() {
            return chars.clone();
        }

        /** The password's UTF-8 bytes (Ansible derives its keys from bytes). */
        byte[] utf8() {
            ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }

        /** Whether the secret is the same password (for "passwords do not match"). */
        public boolean sameAs(Secret other) {
            return Arrays.equals(chars, other.chars);
        }

        @Override
        public String toString() {
            return "********";
        }
    }

    private final Supplier<Secret> source;
    private final String description;
    private Secret cached;

    private VaultPassword(String description, Supplier<Secret> source) {
        this.description = description;
        this.source = source;
    }

    /** A fixed password (tests, and a password already asked for). */
    public static VaultPassword of(String password) {
        Secret s = Secret.of(password);
        return new VaultPassword("a given password", () -> s);
    }

    /** The password in {@code file}, or printed by it when it is executable. */
    public static VaultPassword file(Path file) {
        return new VaultPassword("the vault password file " + file, () -> readFile(file));
    }

    /** A terminal prompt; with {@code confirm}, asked twice and compared. */
    public static VaultPassword prompt(String question, boolean confirm) {
        return new VaultPassword("the terminal", () -> ask(question, confirm));
    }

    /**
     * The password source for a run: the file given on the command line, else the file named by
     * {@value #ENV} in {@code environment}; empty when neither is set (no prompt during a run).
     */
    public static Optional<VaultPassword> configured(Optional<Path> given, Map<String, String> environment) {
        if (given.isPresent()) {
            return Optional.of(file(given.get()));
        }
        String env = environment.get(ENV);
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(file(Path.of(env)));
    }

    /** As {@link #configured}, with a terminal prompt as the last resort ({@code steward vault}). */
    public static VaultPassword configuredOrPrompt(Optional<Path> given, Map<String, String> environment,
            String question, boolean confirm) {
        return configured(given, environment).orElseGet(() -> prompt(question, confirm));
    }

    /** The password, read on first use. */
    public synchronized Secret get() {
        if (cached == null) {
            cached = source.get();
        }
        return cached;
    }

    /** Where the password comes from, for messages (never the password). */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "VaultPassword(" + description + ")";
    }

    private static Secret readFile(Path file) {
        byte[] content;
        if (!Files.isRegularFile(file)) {
            throw new VaultException(VaultException.Kind.NO_PASSWORD, "the vault password file " + file
                    + " was not found");
        }
        if (Files.isExecutable(file)) {
            content = runScript(file);
        } else {
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new VaultException(VaultException.Kind.NO_PASSWORD, "the vault password file " + file
                        + " was not found");
            } catch (IOException e) {
                throw new VaultException(VaultException.Kind.IO, "cannot read the vault password file " + file
                        + ": " + e.getMessage());
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
            if (text.endsWith("\r\n")) {
                text = text.substring(0, text.length() - 2);
            } else if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                throw new VaultException(VaultException.Kind.NO_PASSWORD, "the vault password from " + file
                        + " is empty");
            }
            return Secret.of(text);
        } catch (CharacterCodingException e) {
            throw new VaultException(VaultException.Kind.FORMAT, "the vault password from " + file
                    + " is not UTF-8 text");
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static byte[] runScript(Path file) {
        ProcessBuilder pb = new ProcessBuilder(file.toAbsolutePath().toString())
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            }
            if (!p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new VaultException(VaultException.Kind.IO, "the vault password script " + file
                        + " did not finish within " + SCRIPT_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new VaultException(VaultException.Kind.IO, "the vault password script " + file
                        + " failed with exit code " + p.exitValue());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot run the vault password script " + file
                    + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultException(VaultException.Kind.IO, "interrupted while running " + file);
        }
    }

    private static Secret ask(String question, boolean confirm) {
        Console console = System.console();
        if (console == null) {
            throw new VaultException(VaultException.Kind.NO_PASSWORD, "no vault password: give"
                    + " --vault-password-file FILE or set " + ENV + " (there is no terminal to ask on)");
        }
        char[] first = console.readPassword("%s", question);
        if (first == null || first.length == 0) {
            throw new VaultException(VaultException.Kind.NO_PASSWORD, "no vault password was given");
        }
        try {
            if (confirm) {
                char[] again = console.readPassword("%s", "Confirm " + question.substring(0, 1).toLowerCase()
                        + question.substring(1));
                try {
                    if (!Arrays.equals(first, again)) {
                        throw new VaultException(VaultException.Kind.NO_PASSWORD, "the passwords do not match");
                    }
                } finally {
                    if (again != null) {
                        Arrays.fill(again, '\0');
                    }
                }
            }
            return new Secret(first);
        } finally {
            Arrays.fill(first, '\0');
        }
    }
}
