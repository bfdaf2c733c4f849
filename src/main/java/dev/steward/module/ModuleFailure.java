package dev.steward.module;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A module could not do its job on a host: the message says what and what to do; the details carry
 * the command, its exit code and the end of its stderr, for the report and for {@code register}.
 */
public final class ModuleFailure extends Exception {

    private final Map<String, Object> details;

    public ModuleFailure(String message) {
        this(message, Map.of());
    }

    public ModuleFailure(String message, Map<String, Object> details) {
        super(message);
        this.details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public Map<String, Object> details() {
        return details;
    }
}
