package dev.steward.vars;

import dev.steward.source.SourceLocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, layered variable lookup: each layer added with {@link #with} wins over the ones
 * before it, and a variable's whole value is replaced (dictionaries replace, not merge). Values are
 * raw: templates are rendered where a variable is used, not where it is defined.
 *
 * <p>Precedence, lowest first: role defaults, inventory {@code all}, parent groups, child groups,
 * host, facts, play vars, vars_files, role vars, block and task vars, include vars, registered
 * results and set_fact, extra vars.
 */
public final class Vars {

    public static final Vars EMPTY = new Vars(Map.of());

    private final Map<String, VarSource> values;

    private Vars(Map<String, VarSource> values) {
        this.values = values;
    }

    /** A new lookup where {@code layer} wins over this one. */
    public Vars with(String level, Map<String, ?> layer, SourceLocation where) {
        if (layer.isEmpty()) {
            return this;
        }
        Map<String, VarSource> merged = new LinkedHashMap<>(values);
        layer.forEach((k, v) -> merged.put(k, new VarSource(v, where, level, true)));
        return new Vars(Map.copyOf(merged));
    }

    /** A new lookup where {@code layer}, data that is never rendered (facts, results), wins. */
    public Vars withData(String level, Map<String, ?> layer) {
        if (layer.isEmpty()) {
            return this;
        }
        Map<String, VarSource> merged = new LinkedHashMap<>(values);
        layer.forEach((k, v) -> merged.put(k, new VarSource(v, SourceLocation.UNKNOWN, level, false)));
        return new Vars(Map.copyOf(merged));
    }

    /** A new lookup where the given, already located, variables win over this one. */
    public Vars withSources(Map<String, VarSource> layer) {
        if (layer.isEmpty()) {
            return this;
        }
        Map<String, VarSource> merged = new LinkedHashMap<>(values);
        merged.putAll(layer);
        return new Vars(Map.copyOf(merged));
    }

    public Vars withData(String name, Object value, String level) {
        return withData(level, singleton(name, value));
    }

    public Optional<VarSource> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public Set<String> names() {
        return values.keySet();
    }

    private static Map<String, Object> singleton(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name, value); // may be null
        return m;
    }
}
