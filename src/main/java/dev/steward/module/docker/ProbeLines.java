package dev.steward.module.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of a probe that asks several questions in one round trip: {@code key=value} lines,
 * then optionally a marker line after which the rest of the output is one raw text (a file).
 * A key given several times keeps every value, in order.
 */
final class ProbeLines {

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final String rest;

    private ProbeLines(String text, String marker) {
        String head = text;
        String tail = "";
        if (marker != null) {
            int at = text.indexOf(marker + "\n");
            if (at == 0 || (at > 0 && text.charAt(at - 1) == '\n')) {
                head = text.substring(0, at);
                tail = text.substring(at + marker.length() + 1);
            }
        }
        for (String line : head.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
            }
        }
        this.rest = tail;
    }

    static ProbeLines parse(String text) {
        return new ProbeLines(text, null);
    }

    static ProbeLines parse(String text, String marker) {
        return new ProbeLines(text, marker);
    }

    Optional<String> get(String key) {
        List<String> v = values.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    String get(String key, String otherwise) {
        return get(key).orElse(otherwise);
    }

    List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** The text after the marker line, or empty. */
    String rest() {
        return rest;
    }
}
