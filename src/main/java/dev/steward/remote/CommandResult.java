package dev.steward.remote;

public record CommandResult(int exitCode, String stdout, String stderr, boolean truncated) {
}
