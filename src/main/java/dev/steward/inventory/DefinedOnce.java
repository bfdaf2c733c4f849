package dev.steward.inventory;

import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings that may be repeated (a host listed in two groups) but not contradicted: the same value
 * again is fine, a different one is a problem naming both places. Messages never show the values,
 * as they may be passwords.
 */
final class DefinedOnce<K> {

    private final String owner;
    private final Map<K, Located<Object>> values = new LinkedHashMap<>();

    /** @param owner for messages: "host 'web1'", "group 'db'" */
    DefinedOnce(String owner) {
        this.owner = owner;
    }

    void put(K key, String label, Object value, SourceLocation where, Problems problems) {
        Located<Object> before = values.get(key);
        if (before == null) {
            values.put(key, new Located<>(value, where));
        } else if (!java.util.Objects.equals(before.value(), value)) {
            problems.add(where, owner + " sets '" + label + "' differently here and at " + before.where(),
                    "define it in one place");
        }
    }

    Optional<Located<Object>> get(K key) {
        return Optional.ofNullable(values.get(key));
    }

    Map<K, Located<Object>> all() {
        return values;
    }

    /** The values alone, in the order first set. */
    Map<K, Object> plain() {
        Map<K, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }
}
