package dev.steward.template;

import dev.steward.source.SourceLocation;
import dev.steward.vars.VarSource;
import dev.steward.vars.Vars;
import freemarker.core.Environment;
import freemarker.template.AdapterTemplateModel;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateDateModel;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateHashModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateModelIterator;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;
import freemarker.template.WrappingTemplateModel;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One evaluation against one variable lookup. Variables are rendered lazily, the first time a
 * template touches them, at most once per evaluation, and a variable that needs itself (directly or
 * through others) is reported as a cycle instead of overflowing the stack.
 */
final class Evaluation {

    /** Wraps data that is never rendered again (facts, registered results, rendered values). */
    static final DefaultObjectWrapper DATA_WRAPPER = data();

    private final TemplateEngine engine;
    private final Vars vars;
    private final Deque<String> evaluating = new ArrayDeque<>();
    private final Map<String, TemplateModel> done = new HashMap<>();

    Evaluation(TemplateEngine engine, Vars vars) {
        this.engine = engine;
        this.vars = vars;
    }

    private static DefaultObjectWrapper data() {
        DefaultObjectWrapperBuilder b = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        b.setUseAdaptersForContainers(true);
        b.setForceLegacyNonListCollections(false);
        b.setIterableSupport(true);
        return b.build();
    }

    /** The model of a raw (possibly templated) value. */
    TemplateModel model(Object raw, SourceLocation where) {
        if (raw instanceof String s) {
            if (!Interpolation.isTemplate(s)) {
                return new SimpleScalar(s);
            }
            Optional<String> sole = Interpolation.soleExpression(s);
            if (sole.isPresent()) {
                return expression(sole.get(), where);
            }
            return new SimpleScalar(renderText(s, where));
        }
        if (raw instanceof Map<?, ?> m) {
            return new LazyHash(m, where);
        }
        if (raw instanceof List<?> l) {
            return new LazySeq(l, where);
        }
        return wrapData(raw);
    }

    String renderText(String text, SourceLocation where) {
        StringWriter out = new StringWriter();
        engine.process(engine.compile(text, where), new Scope(), out, where);
        return out.toString();
    }

    /** Evaluates a bare expression; parentheses keep a {@code >} from ending the directive. */
    TemplateModel expression(String expr, SourceLocation where) {
        String opening = "<#assign " + engine.resultVariable() + " = (";
        // the opening is not in the source: columns on the first line are counted from after it
        Environment env = engine.process(engine.compile(opening + expr + ")>", where, opening.length()),
                new Scope(), new StringWriter(), where, opening.length());
        try {
            return env.getMainNamespace().get(engine.resultVariable());
        } catch (TemplateModelException e) {
            throw new TemplateError(where, e.getMessage(), "");
        }
    }

    private TemplateModel variable(String name) {
        TemplateModel known = done.get(name);
        if (known != null) {
            return known;
        }
        Optional<VarSource> found = vars.get(name);
        if (found.isEmpty()) {
            return null;
        }
        VarSource src = found.get();
        if (!src.template()) {
            return wrapData(src.value());
        }
        if (evaluating.contains(name)) {
            List<String> chain = new ArrayList<>(evaluating);
            java.util.Collections.reverse(chain);
            int from = chain.indexOf(name);
            String cycle = String.join(" → ", chain.subList(from, chain.size())) + " → " + name;
            throw new TemplateError(src.where(), "variable cycle: " + cycle, "one of these must not refer back");
        }
        evaluating.push(name);
        try {
            TemplateModel m = model(src.value(), src.where());
            done.put(name, m);
            return m;
        } finally {
            evaluating.pop();
        }
    }

    private static TemplateModel wrapData(Object value) {
        try {
            return DATA_WRAPPER.wrap(value);
        } catch (TemplateModelException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plain Java data from a model, forcing every lazy value. */
    Object toJava(TemplateModel m) {
        try {
            return unwrap(m);
        } catch (TemplateModelException e) {
            throw new TemplateError(SourceLocation.UNKNOWN, e.getMessage(), "");
        }
    }

    private Object unwrap(TemplateModel m) throws TemplateModelException {
        if (m == null) {
            return null;
        }
        if (m instanceof LazyHash h) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object k : h.raw.keySet()) {
                out.put(String.valueOf(k), unwrap(h.get(String.valueOf(k))));
            }
            return out;
        }
        if (m instanceof LazySeq s) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                out.add(unwrap(s.get(i)));
            }
            return out;
        }
        if (m instanceof AdapterTemplateModel a) {
            return a.getAdaptedObject(Object.class);
        }
        if (m instanceof TemplateBooleanModel b && !(m instanceof TemplateScalarModel)) {
            return b.getAsBoolean();
        }
        if (m instanceof TemplateNumberModel n) {
            return normalize(n.getAsNumber());
        }
        if (m instanceof TemplateScalarModel s) {
            return s.getAsString();
        }
        if (m instanceof TemplateSequenceModel s) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                out.add(unwrap(s.get(i)));
            }
            return out;
        }
        if (m instanceof TemplateHashModelEx h) {
            Map<String, Object> out = new LinkedHashMap<>();
            TemplateModelIterator keys = h.keys().iterator();
            while (keys.hasNext()) {
                String k = ((TemplateScalarModel) keys.next()).getAsString();
                out.put(k, unwrap(h.get(k)));
            }
            return out;
        }
        if (m instanceof TemplateDateModel d) {
            return d.getAsDate().toInstant().toString();
        }
        throw new TemplateModelException("a FreeMarker " + m.getClass().getSimpleName() + " cannot be used as a value");
    }

    private static Object normalize(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof BigDecimal d) {
            BigDecimal s = d.stripTrailingZeros();
            if (s.scale() <= 0 && s.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
                return s.longValueExact();
            }
            return d;
        }
        if (n instanceof BigInteger i && i.bitLength() < 63) {
            return i.longValue();
        }
        return n;
    }

    /** The variables, as FreeMarker sees them. */
    private final class Scope implements TemplateHashModel {
        @Override
        public TemplateModel get(String key) {
            return variable(key);
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }

    /** A map from the playbook whose values are rendered when read. */
    private final class LazyHash extends WrappingTemplateModel implements TemplateHashModelEx {
        private final Map<?, ?> raw;
        private final SourceLocation where;
        private final Map<String, TemplateModel> cache = new HashMap<>();

        LazyHash(Map<?, ?> raw, SourceLocation where) {
            super(DATA_WRAPPER);
            this.raw = raw;
            this.where = where;
        }

        @Override
        public TemplateModel get(String key) {
            if (!raw.containsKey(key)) {
                return null;
            }
            return cache.computeIfAbsent(key, k -> model(raw.get(k), where));
        }

        @Override
        public boolean isEmpty() {
            return raw.isEmpty();
        }

        @Override
        public int size() {
            return raw.size();
        }

        @Override
        public freemarker.template.TemplateCollectionModel keys() throws TemplateModelException {
            return new freemarker.template.SimpleCollection(
                    raw.keySet().stream().map(String::valueOf).collect(Collectors.toList()), DATA_WRAPPER);
        }

        @Override
        public freemarker.template.TemplateCollectionModel values() throws TemplateModelException {
            List<TemplateModel> values = new ArrayList<>();
            for (Object k : raw.keySet()) {
                values.add(get(String.valueOf(k)));
            }
            return new freemarker.template.SimpleCollection(values, DATA_WRAPPER);
        }
    }

    /** A list from the playbook whose items are rendered when read. */
    private final class LazySeq implements TemplateSequenceModel {
        private final List<?> raw;
        private final SourceLocation where;

        LazySeq(List<?> raw, SourceLocation where) {
            this.raw = raw;
            this.where = where;
        }

        @Override
        public TemplateModel get(int index) {
            return index < 0 || index >= raw.size() ? null : model(raw.get(index), where);
        }

        @Override
        public int size() {
            return raw.size();
        }
    }
}
