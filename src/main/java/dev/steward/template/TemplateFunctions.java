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
 * The functions every template and expression may call, as FreeMarker shared variables: each takes
 * one value (text, a number or a boolean) and returns it escaped for where it lands ({@link Escapes}).
 * A variable of the same name wins over a function, as for FreeMarker's own shared variables.
 */
public final class TemplateFunctions {

    private static final Map<String, UnaryOperator<String>> FUNCTIONS = Map.of(
            "url_userinfo", Escapes::urlUserinfo,
            "toml_string", Escapes::tomlString,
            "shell_quote", Escapes::shellQuote);

    /** The names, for {@code steward check}: they are defined in every template. */
    public static final Set<String> NAMES = FUNCTIONS.keySet();

    private TemplateFunctions() {
    }

    static void install(Configuration config) {
        FUNCTIONS.forEach((name, escape) -> config.setSharedVariable(name, new Escaping(name, escape)));
    }

    /** One escaping function: {@code name(value)}. */
    private record Escaping(String name, UnaryOperator<String> escape) implements TemplateMethodModelEx {

        @Override
        public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
            if (arguments.size() != 1) {
                throw new TemplateModelException(name + "() takes exactly one value, not " + arguments.size()
                        + ": write " + name + "(x)");
            }
            return new SimpleScalar(escape.apply(text((TemplateModel) arguments.get(0))));
        }

        private String text(TemplateModel value) throws TemplateModelException {
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
}
