package dev.steward.template;

import dev.steward.source.SourceLocation;

/** A template or expression could not be evaluated: an undefined variable, a syntax error, a cycle. */
public final class TemplateError extends RuntimeException {

    private final SourceLocation where;
    private final String hint;

    public TemplateError(SourceLocation where, String message, String hint) {
        super(message);
        this.where = where;
        this.hint = hint == null ? "" : hint;
    }

    public SourceLocation where() {
        return where;
    }

    public String hint() {
        return hint;
    }

    /** "file:line:col: message (hint)", the way every error in Steward reads. */
    public String describe() {
        return where + ": " + getMessage() + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
