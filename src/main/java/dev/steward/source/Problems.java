package dev.steward.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects every problem first and fails once, so a user sees all their mistakes in one run. Warnings
 * ({@link #warn}) are kept apart: they are printed, but never fail a run.
 */
public final class Problems {

    private final List<Problem> found = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    public void add(Problem problem) {
        found.add(problem);
    }

    public void add(SourceLocation where, String message) {
        found.add(Problem.at(where, message));
    }

    public void add(SourceLocation where, String message, String hint) {
        found.add(new Problem(where, message, hint));
    }

    public void addAll(List<Problem> problems) {
        found.addAll(problems);
    }

    /** Something worth knowing that is not a mistake (one RPC node, not x86_64): printed, never fatal. */
    public void warn(SourceLocation where, String message, String hint) {
        Problem p = new Problem(where, message, hint);
        if (!warnings.contains(p)) {
            warnings.add(p);
        }
    }

    public List<Problem> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Problem> list() {
        return Collections.unmodifiableList(found);
    }

    /** Throws a {@link ValidationException} carrying everything collected, if anything was. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ValidationException(List.copyOf(found), List.copyOf(warnings));
        }
    }
}
