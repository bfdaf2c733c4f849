package dev.steward.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Schema fragments for Steward's scalar typing. Steward types a scalar by what the field expects,
 * from its text, while an editor types it by YAML 1.2 (where {@code 2.10} is a number and
 * {@code yes} a string): so a text field accepts any scalar, and a boolean field accepts Ansible's
 * yes/no/on/off words too.
 */
final class ScalarSchemas {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A name usable in expressions: what {@code vars}, {@code register} and {@code loop_var} accept. */
    static final String VARIABLE_NAME = "^[A-Za-z_][A-Za-z0-9_]*$";

    private static final List<String> BOOLEAN_WORDS = List.of("true", "false", "yes", "no", "on", "off");

    private ScalarSchemas() {
    }

    static ObjectNode described(ObjectNode schema, String description) {
        if (description != null && !description.isEmpty()) {
            schema.put("description", description);
        }
        return schema;
    }

    /** Any scalar, read as its text. */
    static ObjectNode text() {
        ObjectNode s = JSON.objectNode();
        s.set("type", strings("string", "number", "boolean"));
        return s;
    }

    /** A string holding {@code ${…}}: rendered per host when the task runs, and checked then. */
    static ObjectNode template() {
        ObjectNode s = JSON.objectNode();
        s.put("type", "string");
        s.put("pattern", "\\$\\{");
        return s;
    }

    /** true/false, and yes/no/on/off in any case, as written (no template). */
    static ObjectNode booleanLiteral() {
        ObjectNode words = JSON.objectNode();
        ArrayNode values = words.putArray("enum");
        for (String w : BOOLEAN_WORDS) {
            values.add(w);
            values.add(Character.toUpperCase(w.charAt(0)) + w.substring(1));
            values.add(w.toUpperCase());
        }
        ObjectNode bool = JSON.objectNode().put("type", "boolean");
        return anyOf(bool, words);
    }

    /** A whole number from {@code min} to {@code max}, as a number or as digits in a string (no template). */
    static ObjectNode integerLiteral(long min, long max) {
        ObjectNode number = JSON.objectNode().put("type", "integer").put("minimum", min).put("maximum", max);
        ObjectNode digits = JSON.objectNode().put("type", "string").put("pattern", "^\\s*[-+]?[0-9]+\\s*$");
        return anyOf(number, digits);
    }

    /** A string, or a list of strings. */
    static ObjectNode oneOrMoreStrings() {
        ObjectNode list = JSON.objectNode().put("type", "array");
        list.set("items", text());
        return anyOf(text(), list);
    }

    /** A map from variable names to any values. */
    static ObjectNode variables() {
        ObjectNode s = JSON.objectNode();
        s.set("type", strings("object", "null"));
        s.putObject("propertyNames").put("pattern", VARIABLE_NAME);
        return s;
    }

    static ObjectNode anyOf(ObjectNode... options) {
        ObjectNode s = JSON.objectNode();
        ArrayNode list = s.putArray("anyOf");
        for (ObjectNode o : options) {
            list.add(o);
        }
        return s;
    }

    static ObjectNode ref(String def) {
        return JSON.objectNode().put("$ref", "#/$defs/" + def);
    }

    static ArrayNode strings(String... values) {
        ArrayNode a = JSON.arrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    static ArrayNode strings(List<String> values) {
        return strings(values.toArray(String[]::new));
    }
}
