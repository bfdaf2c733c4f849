package dev.steward.template;

import freemarker.template.Configuration;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The functions every template and expression may call, as FreeMarker shared variables: the escapers
 * take one value (text, a number or a boolean) and return it escaped for where it lands ({@link Escapes});
 * {@code version_compare(a, b)} compares two semantic versions ({@link SemanticVersion}): -1, 0 or 1.
 * A variable of the same name wins over a function, as for FreeMarker's own shared variables.
 */
public final class TemplateFunctions {

    private static final Map<String, UnaryOperator<String>> FUNCTIONS = Map.of(
            "url_userinfo", Escapes::urlUserinfo,
            "toml_string", Escapes::tomlString,
            "shell_quote", Escapes::shellQuote);

    /** The names, for {@code steward check}: they are defined in every template. */
    public static final Set<String> NAMES = java.util.stream.Stream.concat(FUNCTIONS.keySet().stream(),
            java.util.stream.Stream.of(VersionCompare.NAME)).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private TemplateFunctions() {
    }

    static void install(Configuration config) {
        FUNCTIONS.forEach((name, escape) -> config.setSharedVariable(name, new Escaping(name, escape)));
        config.setSharedVariable(VersionCompare.NAME, new VersionCompare());
    }

    /** {@code version_compare(a, b)}: -1 when a is older than b, 0 when equal, 1 when newer (semantic versions). */
    private record VersionCompare() implements TemplateMethodModelEx {
        static final String NAME = "version_compare";

        @Override
        public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
            if (arguments.size() != 2) {
                throw new TemplateModelException(NAME + "() compares two versions, not " + arguments.size()
                        + ": write " + NAME + "(a, b)");
            }
            try {
                int c = SemanticVersion.parse(text(NAME, (TemplateModel) arguments.get(0)))
                        .compareTo(SemanticVersion.parse(text(NAME, (TemplateModel) arguments.get(1))));
                return new freemarker.template.SimpleNumber(Integer.signum(c));
            } catch (IllegalArgumentException e) {
                throw new TemplateModelException(NAME + "(): " + e.getMessage());
            }
        }
    }

    /** One escaping function: {@code name(value)}. */
    private record Escaping(String name, UnaryOperator<String> escape) implements TemplateMethodModelEx {

        @Override
        public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
            if (arguments.size() != 1) {
                throw new TemplateModelException(name + "() takes exactly one value, not " + arguments.size()
                        + ": write " + name + "(x)");
            }
            return new SimpleScalar(escape.apply(text(name, (TemplateModel) arguments.get(0))));
        }
    }

    /** A function's argument as text: a string, a number as written, or a boolean. */
    private static String text(String name, TemplateModel value) throws TemplateModelException {
        if (value == null) {
            throw new TemplateModelException(name + "() was given an undefined or null value: define the variable,"
                    + " or give a default: " + name + "(x!\"\")");
        }
        if (value instanceof TemplateScalarModel s) {
            return s.getAsString();
        }
        if (value instanceof TemplateNumberModel n) {
            Number number = n.getAsNumber();
            return number instanceof BigDecimal d ? d.toPlainString() : number.toString();
        }
        if (value instanceof TemplateBooleanModel b) {
            return b.getAsBoolean() ? "true" : "false";
        }
        throw new TemplateModelException(name + "() takes text, a number or a boolean, not a list or a map");
    }
}
