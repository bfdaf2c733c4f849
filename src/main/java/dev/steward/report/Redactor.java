package dev.steward.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces every known secret value with {@code ********} in what is printed: messages, results,
 * diffs. The secrets are the values the run knows to be secret (passwords from the inventory,
 * variables whose names say so, vault values), longest first so a secret that contains another
 * is hidden whole. Each secret is also masked in the forms it takes where Steward writes it: URL-
 * escaped, TOML- and JSON-escaped, and base64 (see {@link SecretForms}).
 */
public final class Redactor {

    public static final String MASK = "********";
    /** What a diff of a file that holds a secret shows instead of its content. */
    public static final String SECRET_FILE_NOTE = "(content not shown: the file holds a secret)";
    private static final int SHORTEST = 4; // shorter values would mask ordinary words

    private final List<String> secrets;

    public Redactor(Collection<String> values) {
        List<String> s = new ArrayList<>();
        for (String v : values) {
            if (v != null && v.length() >= SHORTEST) {
                for (String form : SecretForms.of(v)) {
                    if (form.length() >= SHORTEST && !s.contains(form)) {
                        s.add(form);
                    }
                }
            }
        }
        s.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(s);
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    /**
     * A file's unified diff, or only its {@code ---}/{@code +++} header and a note when the file holds a
     * secret: masking alone would still show the rest of a secret file, and a secret written in a form
     * not known here would show whole.
     */
    public String redactDiff(String diff) {
        if (diff == null || redact(diff).equals(diff)) {
            return diff;
        }
        StringBuilder header = new StringBuilder();
        for (String line : diff.split("\n", -1)) {
            if (!line.startsWith("--- ") && !line.startsWith("+++ ")) {
                break;
            }
            header.append(redact(line)).append('\n');
        }
        return header + SECRET_FILE_NOTE + "\n";
    }

    /** The same structure with every string redacted. */
    public Object redactDeep(Object value) {
        if (value instanceof String s) {
            return redact(s);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), redactDeep(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(redactDeep(v)));
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> redactMap(Map<String, Object> m) {
        return secrets.isEmpty() ? m : (Map<String, Object>) redactDeep(m);
    }
}
