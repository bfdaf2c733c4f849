package dev.steward.playbook;

import java.util.Optional;

/** {@code until} / {@code retries} / {@code delay}: run again until the condition holds. */
public record Retry(Optional<Expr> until, int retries, int delaySeconds) {
}
