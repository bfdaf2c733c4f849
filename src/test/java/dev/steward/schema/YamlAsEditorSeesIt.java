package dev.steward.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.source.Problems;
import dev.steward.source.YNode;
import dev.steward.source.YamlReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * YAML as a YAML 1.2 editor types it (the core schema: {@code 0640} and {@code 2.10} are numbers,
 * {@code yes} is a string), read with Steward's own reader so merge keys work as they do in a run.
 */
final class YamlAsEditorSeesIt {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private YamlAsEditorSeesIt() {
    }

    static JsonNode read(String name, String text) {
        Problems problems = new Problems();
        YNode node = new YamlReader(problems).read(name, text);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(name + ": " + problems);
        }
        return convert(node);
    }

    private static JsonNode convert(YNode node) {
        if (node instanceof YNode.YMap m) {
            ObjectNode o = JSON.objectNode();
            m.entries().forEach((k, e) -> o.set(k, convert(e.value())));
            return o;
        }
        if (node instanceof YNode.YSeq s) {
            var a = JSON.arrayNode();
            s.items().forEach(i -> a.add(convert(i)));
            return a;
        }
        YNode.YScalar s = (YNode.YScalar) node;
        String t = s.text();
        if (!s.plain()) {
            return JSON.textNode(t);
        }
        if (s.isNull()) {
            return JSON.nullNode();
        }
        if (t.equals("true") || t.equals("True") || t.equals("TRUE")) {
            return JSON.booleanNode(true);
        }
        if (t.equals("false") || t.equals("False") || t.equals("FALSE")) {
            return JSON.booleanNode(false);
        }
        if (INT.matcher(t).matches()) {
            return JSON.numberNode(new BigInteger(t.startsWith("+") ? t.substring(1) : t));
        }
        if (OCTAL.matcher(t).matches()) {
            return JSON.numberNode(new BigInteger(t.substring(2), 8));
        }
        if (HEX.matcher(t).matches()) {
            return JSON.numberNode(new BigInteger(t.substring(2), 16));
        }
        if (FLOAT.matcher(t).matches()) {
            return JSON.numberNode(new BigDecimal(t.startsWith("+") ? t.substring(1) : t));
        }
        return JSON.textNode(t);
    }
}
