package dev.steward.remote;

import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One command to run on a host.
 *
 * @param commandLine shell text, run by the login user's POSIX shell (or by {@code /bin/sh} under become)
 * @param stdin what to feed the command, or null for nothing; the caller keeps ownership of the stream
 * @param timeout how long the whole command, sudo included, may take
 */
public record CommandSpec(String commandLine, InputStream stdin, Optional<Become> become, Duration timeout) {

    public CommandSpec {
        Objects.requireNonNull(commandLine, "commandLine");
        become = become == null ? Optional.empty() : become;
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout of a command must be positive, got " + timeout);
        }
    }

    public static CommandSpec of(String commandLine, Duration timeout) {
        return new CommandSpec(commandLine, null, Optional.empty(), timeout);
    }

    public CommandSpec withStdin(InputStream in) {
        return new CommandSpec(commandLine, in, become, timeout);
    }

    public CommandSpec withBecome(Become as) {
        return new CommandSpec(commandLine, stdin, Optional.of(as), timeout);
    }

    /** The first 80 characters of the command line, for messages. */
    public String shortCommand() {
        return commandLine.length() <= 80 ? commandLine : commandLine.substring(0, 80) + "…";
    }

    @Override
    public String toString() {
        return "CommandSpec[" + shortCommand() + ", stdin=" + (stdin != null) + ", " + become.map(Become::toString).orElse("no become")
                + ", timeout=" + timeout + "]";
    }
}
