package dev.steward.source;

/**
 * One mistake found in the user's input: where, what, and (when we know) what to do about it.
 *
 * @param hint what to do next, or an empty string
 */
public record Problem(SourceLocation location, String message, String hint) {

    public Problem {
        hint = hint == null ? "" : hint;
    }

    public static Problem at(SourceLocation location, String message) {
        return new Problem(location, message, "");
    }

    @Override
    public String toString() {
        return location + ": " + message + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
