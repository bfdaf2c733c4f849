package dev.steward.module;

import java.util.List;

/**
 * One module parameter: the metadata that validates a call, generates `steward doc` and the schema.
 *
 * @param choices the allowed values, or empty for any
 */
public record Param(String name, ParamType type, boolean required, String doc, List<String> choices,
        List<String> aliases) {

    public static Param required(String name, ParamType type, String doc) {
        return new Param(name, type, true, doc, List.of(), List.of());
    }

    public static Param optional(String name, ParamType type, String doc) {
        return new Param(name, type, false, doc, List.of(), List.of());
    }

    public Param choices(String... values) {
        return new Param(name, type, required, doc, List.of(values), aliases);
    }

    public Param aliases(String... names) {
        return new Param(name, type, required, doc, choices, List.of(names));
    }
}
