package dev.steward.engine;

import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.YNode;
import dev.steward.source.YamlReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code -e} values: {@code key=value} pairs, {@code @vars.yml}, or an inline YAML/JSON map. */
final class ExtraVars {

    private ExtraVars() {
    }

    static Map<String, Object> read(List<String> given, Problems problems) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String e : given) {
            String text = e.strip();
            if (text.startsWith("@")) {
                merge(new YamlReader(problems).read(Path.of(text.substring(1))), vars, problems, text);
            } else if (text.startsWith("{")) {
                merge(new YamlReader(problems).read("-e", text), vars, problems, text);
            } else {
                for (String pair : text.split("\\s+")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        problems.add(new SourceLocation("-e", 0, 0), "'" + pair + "' is not key=value",
                                "write -e name=value, -e @vars.yml or -e '{\"name\": value}'");
                        continue;
                    }
                    String value = pair.substring(eq + 1);
                    vars.put(pair.substring(0, eq), new YNode.YScalar(SourceLocation.UNKNOWN, value, true).toValue());
                }
            }
        }
        return vars;
    }

    private static void merge(YNode node, Map<String, Object> into, Problems problems, String what) {
        if (node instanceof YNode.YMap m) {
            m.entries().forEach((k, v) -> into.put(k, v.value().toValue()));
        } else {
            problems.add(node.location(), "extra vars " + what + " must be a map of names to values");
        }
    }
}
