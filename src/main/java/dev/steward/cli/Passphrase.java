package dev.steward.cli;

import dev.steward.engine.Engine;
import java.io.Console;
import java.util.Optional;

/**
 * The passphrase of an encrypted private key: from {@code STEWARD_KEY_PASSPHRASE}, else asked once
 * on the terminal (never echoed); with no terminal (CI), none, and the connection says why it failed.
 */
final class Passphrase {

    private Passphrase() {
    }

    static Optional<String> ask() {
        String env = System.getenv(Engine.KEY_PASSPHRASE_ENV);
        if (env != null) {
            return Optional.of(env);
        }
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        char[] typed = console.readPassword("Passphrase for the SSH private key: ");
        return typed == null ? Optional.empty() : Optional.of(new String(typed));
    }

    static Engine engine() {
        return new Engine(Passphrase::ask).withInterruption(InterruptHandler.CTRL_C);
    }
}
