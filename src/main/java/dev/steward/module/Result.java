package dev.steward.module;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a module did: whether it changed the host, a message, and the values {@code register} keeps
 * (stdout, rc, …).
 */
public record Result(boolean changed, String msg, Map<String, Object> data) {

    public Result {
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
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
        return new Result(changed, msg, d);
    }
}
