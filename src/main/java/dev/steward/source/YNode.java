package dev.steward.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A YAML node that remembers where it came from. Scalars keep their source text: their type is
 * decided by whoever reads them (the schema), not by YAML 1.1's guesses, so {@code 0640} can be an
 * octal mode, {@code 2.10} stays a version and {@code 0x5149…} stays an address.
 */
public sealed interface YNode permits YNode.YMap, YNode.YSeq, YNode.YScalar {

    SourceLocation location();

    /** What a user would call this kind of node in a message: "a map", "a list", "a string". */
    String kind();

    /**
     * Converts to plain Java values for variables: maps stay ordered; plain scalars become
     * {@code Long} (decimal integers without a leading zero), {@code Boolean} (true/false), {@code null}
     * (null, ~, empty) or text; quoted scalars are always text.
     */
    Object toValue();

    record YMap(SourceLocation location, Map<String, Entry> entries) implements YNode {
        public record Entry(String key, SourceLocation keyLocation, YNode value) {
        }

        public YMap {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public Set<String> keys() {
            return entries.keySet();
        }

        public YNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        public SourceLocation keyLocation(String key) {
            Entry e = entries.get(key);
            return e == null ? location : e.keyLocation();
        }

        @Override
        public String kind() {
            return "a map";
        }

        @Override
        public Object toValue() {
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach((k, e) -> out.put(k, e.value().toValue()));
            return out;
        }
    }

    record YSeq(SourceLocation location, List<YNode> items) implements YNode {
        public YSeq {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }

        @Override
        public Object toValue() {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(i -> out.add(i.toValue()));
            return out;
        }
    }

    /** @param plain true when the scalar was written without quotes (or block style) */
    record YScalar(SourceLocation location, String text, boolean plain) implements YNode {
        private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]{0,17})");

        public boolean isNull() {
            return plain && (text.isEmpty() || text.equals("~") || text.equals("null") || text.equals("Null")
                    || text.equals("NULL"));
        }

        @Override
        public String kind() {
            return isNull() ? "null" : "a string";
        }

        @Override
        public Object toValue() {
            if (!plain) {
                return text;
            }
            if (isNull()) {
                return null;
            }
            if (text.equals("true") || text.equals("True") || text.equals("TRUE")) {
                return Boolean.TRUE;
            }
            if (text.equals("false") || text.equals("False") || text.equals("FALSE")) {
                return Boolean.FALSE;
            }
            if (DECIMAL.matcher(text).matches()) {
                return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            }
            return text;
        }
    }
}
