package dev.steward.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small JSON Schema 2020-12 validator for the keywords Steward's schemas use (no validator is on
 * the classpath). It refuses a keyword it does not know, so the schemas cannot silently use one it
 * would not check.
 */
final class MiniSchemaValidator {

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "$defs");

    private final JsonNode root;

    MiniSchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** The errors of {@code value}, each with its JSON pointer; empty when it is valid. */
    List<String> errors(JsonNode value) {
        List<String> out = new ArrayList<>();
        check(root, value, "", out);
        return out;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> out) {
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) {
                out.add(at + ": not allowed");
            }
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode s = f.getValue();
            switch (f.getKey()) {
                case "$ref" -> check(resolve(s.asText()), value, at, out);
                case "type" -> {
                    boolean any = false;
                    for (JsonNode t : s.isArray() ? s : List.of(s)) {
                        any |= hasType(value, t.asText());
                    }
                    if (!any) {
                        out.add(at + ": " + value.getNodeType() + " is not " + s);
                    }
                }
                case "enum" -> {
                    boolean found = false;
                    for (JsonNode e : s) {
                        found |= e.equals(value);
                    }
                    if (!found) {
                        out.add(at + ": " + value + " is not one of " + s);
                    }
                }
                case "const" -> {
                    if (!s.equals(value)) {
                        out.add(at + ": " + value + " is not " + s);
                    }
                }
                case "pattern" -> {
                    if (value.isTextual() && !Pattern.compile(s.asText()).matcher(value.asText()).find()) {
                        out.add(at + ": '" + value.asText() + "' does not match " + s.asText());
                    }
                }
                case "minimum" -> {
                    if (value.isNumber() && value.decimalValue().compareTo(s.decimalValue()) < 0) {
                        out.add(at + ": " + value + " < " + s);
                    }
                }
                case "maximum" -> {
                    if (value.isNumber() && value.decimalValue().compareTo(s.decimalValue()) > 0) {
                        out.add(at + ": " + value + " > " + s);
                    }
                }
                case "required" -> {
                    if (value.isObject()) {
                        for (JsonNode name : s) {
                            if (!value.has(name.asText())) {
                                out.add(at + ": needs '" + name.asText() + "'");
                            }
                        }
                    }
                }
                case "properties" -> {
                    if (value.isObject()) {
                        s.fields().forEachRemaining(p -> {
                            if (value.has(p.getKey())) {
                                check(p.getValue(), value.get(p.getKey()), at + "/" + p.getKey(), out);
                            }
                        });
                    }
                }
                case "additionalProperties" -> {
                    if (value.isObject()) {
                        JsonNode props = schema.path("properties");
                        value.fields().forEachRemaining(p -> {
                            if (!props.has(p.getKey())) {
                                if (s.isBoolean() && !s.asBoolean()) {
                                    out.add(at + ": unknown key '" + p.getKey() + "'");
                                } else {
                                    check(s, p.getValue(), at + "/" + p.getKey(), out);
                                }
                            }
                        });
                    }
                }
                case "propertyNames" -> {
                    if (value.isObject()) {
                        value.fieldNames().forEachRemaining(n -> check(s, com.fasterxml.jackson.databind.node
                                .TextNode.valueOf(n), at + "/" + n + " (name)", out));
                    }
                }
                case "items" -> {
                    if (value.isArray()) {
                        for (int i = 0; i < value.size(); i++) {
                            check(s, value.get(i), at + "/" + i, out);
                        }
                    }
                }
                case "allOf" -> {
                    for (JsonNode sub : s) {
                        check(sub, value, at, out);
                    }
                }
                case "anyOf" -> {
                    List<String> all = new ArrayList<>();
                    boolean ok = false;
                    for (JsonNode sub : s) {
                        List<String> e = new ArrayList<>();
                        check(sub, value, at, e);
                        ok |= e.isEmpty();
                        all.addAll(e);
                    }
                    if (!ok) {
                        out.add(at + ": matches none of anyOf " + all);
                    }
                }
                case "oneOf" -> {
                    int matched = 0;
                    List<String> all = new ArrayList<>();
                    for (JsonNode sub : s) {
                        List<String> e = new ArrayList<>();
                        check(sub, value, at, e);
                        matched += e.isEmpty() ? 1 : 0;
                        all.addAll(e);
                    }
                    if (matched != 1) {
                        out.add(at + ": matches " + matched + " of oneOf, not exactly one " + (matched == 0 ? all : ""));
                    }
                }
                case "not" -> {
                    List<String> e = new ArrayList<>();
                    check(s, value, at, e);
                    if (e.isEmpty()) {
                        out.add(at + ": matches what 'not' forbids: " + s);
                    }
                }
                default -> {
                    if (!ANNOTATIONS.contains(f.getKey())) {
                        throw new IllegalArgumentException("the test validator does not know the keyword '"
                                + f.getKey() + "'");
                    }
                }
            }
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references: " + ref);
        }
        JsonNode node = root;
        for (String part : ref.substring(2).split("/")) {
            node = node.get(part.replace("~1", "/").replace("~0", "~"));
            if (node == null) {
                throw new IllegalArgumentException("unresolved reference " + ref);
            }
        }
        return node;
    }

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            case "number" -> v.isNumber();
            case "integer" -> v.isIntegralNumber()
                    || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0);
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }
}
