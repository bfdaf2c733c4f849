package dev.steward.module;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One module parameter: the metadata that validates a call, generates `steward doc` and the schema.
 *
 * @param choices the allowed values, or empty for any
 * @param defaultValue what the module uses when the parameter is not given, as a user would write it
 *     (for {@code steward doc}), or empty when there is no single default
 * @param format the shape a literal value must have, checked before the run, or empty for any
 */
public record Param(String name, ParamType type, boolean required, String doc, List<String> choices,
        List<String> aliases, Optional<String> defaultValue, Optional<Format> format) {

    /**
     * The shape of a text value: a regular expression it must match as a whole, and how to say it to a
     * person ("sha256:<64 hex digits>").
     */
    public record Format(Pattern pattern, String shape) {
        public boolean matches(String text) {
            return pattern.matcher(text).matches();
        }
    }

    public Param {
        choices = List.copyOf(choices);
        aliases = List.copyOf(aliases);
        defaultValue = defaultValue == null ? Optional.empty() : defaultValue;
        format = format == null ? Optional.empty() : format;
    }

    public Param(String name, ParamType type, boolean required, String doc, List<String> choices,
            List<String> aliases) {
        this(name, type, required, doc, choices, aliases, Optional.empty(), Optional.empty());
    }

    public static Param required(String name, ParamType type, String doc) {
        return new Param(name, type, true, doc, List.of(), List.of());
    }

    public static Param optional(String name, ParamType type, String doc) {
        return new Param(name, type, false, doc, List.of(), List.of());
    }

    public Param choices(String... values) {
        return new Param(name, type, required, doc, List.of(values), aliases, defaultValue, format);
    }

    public Param aliases(String... names) {
        return new Param(name, type, required, doc, choices, List.of(names), defaultValue, format);
    }

    /** The value the module uses when the parameter is not given (documentation only). */
    public Param withDefault(String value) {
        return new Param(name, type, required, doc, choices, aliases, Optional.of(value), format);
    }

    /** A literal value must match {@code regex} as a whole; {@code shape} says what that means in the error. */
    public Param format(String regex, String shape) {
        return new Param(name, type, required, doc, choices, aliases, defaultValue,
                Optional.of(new Format(Pattern.compile(regex), shape)));
    }
}
