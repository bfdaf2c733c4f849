package dev.steward.module;

import java.util.List;
import java.util.Optional;

/**
 * One module parameter: the metadata that validates a call, generates `steward doc` and the schema.
 *
 * @param choices the allowed values, or empty for any
 * @param defaultValue what the module uses when the parameter is not given, as a user would write it
 *     (for {@code steward doc}), or empty when there is no single default
 */
public record Param(String name, ParamType type, boolean required, String doc, List<String> choices,
        List<String> aliases, Optional<String> defaultValue) {

    public Param {
        choices = List.copyOf(choices);
        aliases = List.copyOf(aliases);
        defaultValue = defaultValue == null ? Optional.empty() : defaultValue;
    }

    public Param(String name, ParamType type, boolean required, String doc, List<String> choices,
            List<String> aliases) {
        this(name, type, required, doc, choices, aliases, Optional.empty());
    }

    public static Param required(String name, ParamType type, String doc) {
        return new Param(name, type, true, doc, List.of(), List.of());
    }

    public static Param optional(String name, ParamType type, String doc) {
        return new Param(name, type, false, doc, List.of(), List.of());
    }

    public Param choices(String... values) {
        return new Param(name, type, required, doc, List.of(values), aliases, defaultValue);
    }

    public Param aliases(String... names) {
        return new Param(name, type, required, doc, choices, List.of(names), defaultValue);
    }

    /** The value the module uses when the parameter is not given (documentation only). */
    public Param withDefault(String value) {
        return new Param(name, type, required, doc, choices, aliases, Optional.of(value));
    }
}
