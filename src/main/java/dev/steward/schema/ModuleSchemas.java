package dev.steward.schema;

import static dev.steward.schema.ScalarSchemas.JSON;
import static dev.steward.schema.ScalarSchemas.anyOf;
import static dev.steward.schema.ScalarSchemas.described;
import static dev.steward.schema.ScalarSchemas.strings;
import static dev.steward.schema.ScalarSchemas.template;
import static dev.steward.schema.ScalarSchemas.text;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.module.Module;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import java.util.ArrayList;
import java.util.List;

/**
 * A module's parameters as a schema, from its {@link ModuleSpec}: types, required ones (by any of
 * their names), allowed values, aliases, exclusive and one-of groups; a free-form module also takes
 * a string. Every typed value may instead be a {@code ${…}} template, checked when rendered.
 */
final class ModuleSchemas {

    private ModuleSchemas() {
    }

    static ObjectNode of(Module module) {
        ModuleSpec spec = module.spec();
        ObjectNode map = JSON.objectNode().put("type", "object");
        ObjectNode properties = map.putObject("properties");
        for (Param p : spec.params()) {
            properties.set(p.name(), param(p));
            for (String alias : p.aliases()) {
                properties.set(alias, described(param(p), "another name for '" + p.name() + "': " + p.doc()));
            }
        }
        if (spec.anyNames()) {
            map.putObject("propertyNames").put("pattern", ScalarSchemas.VARIABLE_NAME);
            map.put("additionalProperties", true);
        } else {
            map.put("additionalProperties", false);
        }
        ArrayNode allOf = JSON.arrayNode();
        for (Param p : spec.params()) {
            if (p.required()) {
                allOf.add(anyRequired(names(p)));
            }
        }
        for (List<String> group : spec.exclusive()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    ObjectNode both = JSON.objectNode();
                    both.set("required", strings(group.get(i), group.get(j)));
                    allOf.add(JSON.objectNode().set("not", both));
                }
            }
        }
        for (List<String> group : spec.oneOf()) {
            allOf.add(anyRequired(group));
        }
        if (!allOf.isEmpty()) {
            map.set("allOf", allOf);
        }
        List<ObjectNode> forms = new ArrayList<>();
        forms.add(map);
        spec.freeForm().flatMap(name -> spec.params().stream().filter(p -> p.name().equals(name)).findFirst())
                .ifPresent(p -> forms.add(described(freeForm(p), "the '" + p.name() + "' parameter alone: "
                        + p.doc())));
        if (allOf.isEmpty()) {
            forms.add(JSON.objectNode().put("type", "null")); // "ping:" with nothing after it
        }
        ObjectNode schema = forms.size() == 1 ? map : anyOf(forms.toArray(ObjectNode[]::new));
        return described(schema, spec.summary());
    }

    private static List<String> names(Param p) {
        List<String> all = new ArrayList<>();
        all.add(p.name());
        all.addAll(p.aliases());
        return all;
    }

    private static ObjectNode anyRequired(List<String> names) {
        if (names.size() == 1) {
            return JSON.objectNode().set("required", strings(names));
        }
        ArrayNode options = JSON.arrayNode();
        names.forEach(n -> options.add(JSON.objectNode().set("required", strings(n))));
        return JSON.objectNode().set("anyOf", options);
    }

    private static ObjectNode freeForm(Param p) {
        if (!p.choices().isEmpty()) {
            return JSON.objectNode().set("enum", strings(p.choices()));
        }
        return JSON.objectNode().put("type", "string");
    }

    static ObjectNode param(Param p) {
        ObjectNode typed = switch (p.type()) {
            case STRING, PATH -> text();
            case BOOL -> ScalarSchemas.booleanLiteral();
            case INT -> JSON.objectNode().put("type", "integer");
            case MODE -> anyOf(JSON.objectNode().put("type", "string").put("pattern", "^0?[0-7]{3,4}$"),
                    JSON.objectNode().put("type", "integer").put("minimum", 0).put("maximum", 7777));
            case LIST -> JSON.objectNode().put("type", "array");
            case MAP -> JSON.objectNode().put("type", "object");
            case ANY -> JSON.objectNode();
        };
        if (p.type() == ParamType.INT) {
            typed = anyOf(typed, JSON.objectNode().put("type", "string").put("pattern", "^\\s*[-+]?[0-9]+\\s*$"));
        }
        if (!p.choices().isEmpty()) {
            typed = JSON.objectNode().set("enum", strings(p.choices()));
        }
        if (p.format().isPresent()) {
            typed = text().put("pattern", "^(?:" + p.format().get().pattern().pattern() + ")$");
        }
        ObjectNode schema = p.type() == ParamType.ANY ? typed : anyOf(typed, template());
        return described(schema, p.doc() + (p.required() ? " (required)" : ""));
    }
}
