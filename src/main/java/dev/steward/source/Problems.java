package dev.steward.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects every problem first and fails once, so a user sees all their mistakes in one run. */
public final class Problems {

    private final List<Problem> found = new ArrayList<>();

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

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Problem> list() {
        return Collections.unmodifiableList(found);
    }

    /** Throws a {@link ValidationException} carrying everything collected, if anything was. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ValidationException(List.copyOf(found));
        }
    }
}
