package dev.steward.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A module call's rendered arguments, keyed by canonical parameter names (aliases resolved), read
 * by type. A value that only turned wrong once rendered fails here, naming the parameter.
 */
public final class Args {

    private final String module;
    private final Map<String, Object> values;

    private Args(String module, Map<String, Object> values) {
        this.module = module;
        this.values = values;
    }

    /** @param rendered a map of parameters, or a scalar for a free-form module */
    public static Args of(String module, ModuleSpec spec, Object rendered) throws ModuleFailure {
        Map<String, Object> values = new LinkedHashMap<>();
        if (rendered instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String name = String.valueOf(e.getKey());
                Param p = spec.param(name).orElseThrow(() -> new ModuleFailure(
                        "module " + module + " has no parameter '" + name + "'"));
                values.put(p.name(), e.getValue());
            }
        } else if (rendered != null && spec.freeForm().isPresent()) {
            values.put(spec.freeForm().get(), String.valueOf(rendered));
        } else if (rendered != null) {
            throw new ModuleFailure("module " + module + " takes a map of parameters");
        }
        return new Args(module, values);
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public Optional<String> string(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            return Optional.of(v.toString());
        }
        return Optional.of(String.valueOf(v));
    }

    public String required(String name) throws ModuleFailure {
        return string(name).orElseThrow(() -> new ModuleFailure(module + " needs '" + name + "'"));
    }

    public Optional<Boolean> bool(String name) throws ModuleFailure {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        return Optional.of(dev.steward.source.Scalars.bool(String.valueOf(v)).orElseThrow(() -> new ModuleFailure(
                "'" + name + "' of " + module + " must be true or false, not '" + v + "'")));
    }

    /** A file mode from {@code 0640}, {@code 640} or {@code "0640"}: octal digits, always. */
    public Optional<Integer> mode(String name) throws ModuleFailure {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        String text = String.valueOf(v);
        if (!text.matches("0?[0-7]{3,4}")) {
            throw new ModuleFailure("'" + name + "' of " + module + " must be an octal mode like 0640, not '" + text
                    + "'");
        }
        return Optional.of(Integer.parseInt(text, 8));
    }

    public Optional<Long> integer(String name) throws ModuleFailure {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v).trim()));
        } catch (NumberFormatException e) {
            throw new ModuleFailure("'" + name + "' of " + module + " must be a whole number, not '" + v + "'");
        }
    }

    public Optional<List<String>> stringList(String name) throws ModuleFailure {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
            return Optional.of(out);
        }
        throw new ModuleFailure("'" + name + "' of " + module + " must be a list");
    }

    /** Every parameter given, by name (for modules whose parameters are variable names). */
    public Map<String, Object> all() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public Object raw(String name) {
        return values.get(name);
    }
}
