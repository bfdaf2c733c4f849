package dev.steward.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, order-keeping, null-tolerant immutable copies of variable values ({@code Map.copyOf} would
 * lose the order users wrote and reject the {@code null} a YAML {@code ~} stands for).
 */
final class FrozenValues {

    private FrozenValues() {
    }

    static Map<String, Object> map(Map<String, ?> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> copy.put(k, value(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    static Object value(Object v) {
        if (v instanceof Map<?, ?> m) {
            return map((Map<String, ?>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(item -> copy.add(value(item)));
            return Collections.unmodifiableList(copy);
        }
        return v;
    }
}
