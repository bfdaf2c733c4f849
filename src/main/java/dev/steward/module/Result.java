package dev.steward.module;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a module did: whether it changed the host, a message, the values {@code register} keeps
 * (stdout, rc, …), and the variables it sets on the host ({@code set_fact}).
 */
public record Result(boolean changed, String msg, Map<String, Object> data, Map<String, Object> setVars) {

    public Result {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        setVars = Collections.unmodifiableMap(new LinkedHashMap<>(setVars));
    }

    public Result(boolean changed, String msg, Map<String, Object> data) {
        this(changed, msg, data, Map.of());
    }

    public static Result ok(String msg) {
        return new Result(false, msg, Map.of());
    }

    public static Result changed(String msg) {
        return new Result(true, msg, Map.of());
    }

    public Result with(String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.put(key, value);
        return new Result(changed, msg, d, setVars);
    }
}
