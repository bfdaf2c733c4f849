package dev.steward.template;

import dev.steward.source.SourceLocation;
import dev.steward.vars.Vars;
import freemarker.core.Environment;
import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The only place that knows FreeMarker. Configured for machines, not people: numbers print as
 * {@code 11155111}, never {@code 11,155,111}; booleans as {@code true}; no locale; an undefined
 * variable is an error naming it and where it was used.
 */
public final class TemplateEngine {

    private static final String RESULT = "__steward_result";

    private final Map<String, Template> compiled = new ConcurrentHashMap<>();
    /** Made on the first template: a play whose values hold no {@code ${…}} never needs it. */
    private volatile Configuration config;

    /** FreeMarker's configuration, made on first use (setting it up costs a tenth of a second at start). */
    private Configuration config() {
        Configuration c = config;
        if (c == null) {
            synchronized (this) {
                c = config;
                if (c == null) {
                    c = forMachines();
                    config = c;
                }
            }
        }
        return c;
    }

    private static Configuration forMachines() {
        Configuration config = new Configuration(Configuration.VERSION_2_3_34);
        config.setNumberFormat("computer");
        config.setBooleanFormat("c");
        config.setLocale(Locale.ROOT);
        config.setTimeZone(TimeZone.getTimeZone("UTC"));
        config.setDefaultEncoding("UTF-8");
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setAPIBuiltinEnabled(false);
        config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        config.setInterpolationSyntax(Configuration.DOLLAR_INTERPOLATION_SYNTAX);
        config.setObjectWrapper(Evaluation.DATA_WRAPPER);
        TemplateFunctions.install(config);
        return config;
    }

    /**
     * Evaluates a raw value where it is used: strings are rendered (one that is exactly
     * {@code ${expr}} keeps the expression's type), maps and lists deeply; the result is plain data.
     */
    public Object evaluate(Object raw, Vars vars, SourceLocation where) {
        Evaluation ev = new Evaluation(this, vars);
        return ev.toJava(ev.model(raw, where));
    }

    public String render(String text, Vars vars, SourceLocation where) {
        return new Evaluation(this, vars).renderText(text, where);
    }

    /** A bare FreeMarker expression that must be true or false: {@code when}, {@code until}… */
    public boolean condition(String expression, Vars vars, SourceLocation where) {
        Evaluation ev = new Evaluation(this, vars);
        TemplateModel m = ev.expression(expression, where);
        if (m instanceof TemplateBooleanModel b) {
            try {
                return b.getAsBoolean();
            } catch (Exception e) {
                throw new TemplateError(where, e.getMessage(), "");
            }
        }
        Object value = ev.toJava(m);
        throw new TemplateError(where, "the condition '" + expression + "' gave " + describe(value)
                + ", not true or false", "compare it, e.g. x == \"yes\", or test that it exists with x??");
    }

    /** Renders a template file (a {@code .ftl}); errors point into the file. */
    public String renderFile(Path file, Vars vars) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateError(new SourceLocation(file.toString(), 0, 0), "cannot read the template: "
                    + e.getMessage(), "check the path");
        }
        return new Evaluation(this, vars).renderText(text, new SourceLocation(file.toString(), 1, 1));
    }

    /**
     * Whether FreeMarker can parse {@code text} (a template, or a bare expression when
     * {@code expression}): {@code steward check} reads only the names of what parses.
     */
    public boolean parses(String text, boolean expression) {
        String source = expression ? "<#assign " + RESULT + " = (" + text + ")>" : text;
        try {
            new Template("check", new StringReader(source), config());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- used by Evaluation

    Template compile(String text, SourceLocation where) {
        return compile(text, where, 0);
    }

    /** @param hidden how many characters at the start of {@code text} are not in the source (for locations) */
    Template compile(String text, SourceLocation where, int hidden) {
        String key = where.file() + "\u0000" + text;
        Template t = compiled.get(key);
        if (t != null) {
            return t;
        }
        try {
            t = new Template(where.toString(), new StringReader(text), config());
        } catch (ParseException e) {
            throw new TemplateError(shift(where, e.getLineNumber(), e.getColumnNumber(), hidden),
                    "template syntax error: " + firstLine(e.getEditorMessage()), "");
        } catch (IOException e) {
            throw new TemplateError(where, e.getMessage(), "");
        }
        if (compiled.size() < 10_000) {
            compiled.put(key, t);
        }
        return t;
    }

    Environment process(Template t, TemplateModel root, StringWriter out, SourceLocation where) {
        return process(t, root, out, where, 0);
    }

    /** @param hidden how many characters at the start of the template are not in the source (for locations) */
    Environment process(Template t, TemplateModel root, StringWriter out, SourceLocation where, int hidden) {
        try {
            Environment env = t.createProcessingEnvironment(root, out);
            env.process();
            return env;
        } catch (TemplateException e) {
            Optional<TemplateError> nested = nestedError(e);
            if (nested.isPresent()) {
                throw nested.get();
            }
            throw translate(e, where, hidden);
        } catch (IOException e) {
            throw new TemplateError(where, e.getMessage(), "");
        } catch (TemplateError e) {
            throw e;
        } catch (RuntimeException e) {
            throw nestedError(e).orElseGet(() -> new TemplateError(where, String.valueOf(e.getMessage()), ""));
        }
    }

    String resultVariable() {
        return RESULT;
    }

    private static Optional<TemplateError> nestedError(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof TemplateError te) {
                return Optional.of(te);
            }
        }
        return Optional.empty();
    }

    private static TemplateError translate(TemplateException e, SourceLocation where, int hidden) {
        SourceLocation at = e.getLineNumber() == null ? where
                : shift(where, e.getLineNumber(), e.getColumnNumber() == null ? 1 : e.getColumnNumber(), hidden);
        if (e instanceof InvalidReferenceException) {
            String blamed = e.getBlamedExpressionString();
            String name = blamed == null ? "?" : withoutOuterParentheses(blamed);
            return new TemplateError(at, "undefined variable '" + name + "'",
                    "define it (vars, inventory, -e) or give a default: ${" + name + "!\"…\"}");
        }
        return new TemplateError(at, firstLine(e.getMessageWithoutStackTop()), "");
    }

    /** A line/column inside a template string, turned into a place in the source file. */
    private static SourceLocation shift(SourceLocation where, int line, int column, int hidden) {
        if (where.line() <= 0) {
            return where;
        }
        if (line <= 1) {
            return new SourceLocation(where.file(), where.line(), where.column() + Math.max(0, column - 1 - hidden));
        }
        return new SourceLocation(where.file(), where.line() + line - 1, column);
    }

    /** {@code (x)} → {@code x}, when the parentheses enclose the whole text (as around a bare expression). */
    private static String withoutOuterParentheses(String text) {
        String t = text.strip();
        while (t.length() >= 2 && t.charAt(0) == '(' && t.charAt(t.length() - 1) == ')') {
            int depth = 0;
            for (int i = 0; i < t.length() - 1; i++) {
                depth += t.charAt(i) == '(' ? 1 : t.charAt(i) == ')' ? -1 : 0;
                if (depth == 0) {
                    return t; // the first '(' closes before the end: (a) == (b)
                }
            }
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing (null)";
        }
        if (value instanceof String s) {
            return "the text \"" + s + "\"";
        }
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value;
    }
}
