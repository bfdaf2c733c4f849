package dev.steward.remote;

/**
 * How a command ended and what it printed (UTF-8).
 *
 * @param truncated true when stdout or stderr was longer than the runner keeps; the head is kept
 */
public record CommandResult(int exitCode, String stdout, String stderr, boolean truncated) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
