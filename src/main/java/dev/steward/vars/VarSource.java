package dev.steward.vars;

import dev.steward.source.SourceLocation;

/**
 * One variable as written: its value and where it was defined, for error messages.
 *
 * @param value the value; when {@code template} is true, strings in it may hold {@code ${…}} that are
 *     rendered lazily where the variable is used
 * @param level the precedence level it came from
 * @param template false for data that must never be rendered again: facts, registered results
 */
public record VarSource(Object value, SourceLocation where, String level, boolean template) {
}
