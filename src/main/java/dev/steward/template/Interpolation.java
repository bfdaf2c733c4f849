package dev.steward.template;

import java.util.Optional;

/** Recognises the strings that need FreeMarker at all, and those that are exactly one {@code ${expr}}. */
final class Interpolation {

    private Interpolation() {
    }

    static boolean isTemplate(String s) {
        return s.contains("${") || s.contains("<#") || s.contains("<@");
    }

    /** The expression of a string that is exactly {@code ${expr}} (and nothing around it), if it is one. */
    static Optional<String> soleExpression(String s) {
        String t = s; // not stripped: "${x}\n" is text with a newline, not x itself
        if (!t.startsWith("${") || !t.endsWith("}")) {
            return Optional.empty();
        }
        int depth = 0;
        char quote = 0;
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i == t.length() - 1 ? Optional.of(t.substring(2, i)) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
