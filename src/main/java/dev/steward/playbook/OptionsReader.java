package dev.steward.playbook;

import dev.steward.source.MapReader;
import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.YNode;
import dev.steward.source.YNode.YMap;
import dev.steward.source.YNode.YScalar;
import dev.steward.source.YNode.YSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the keywords shared by plays, blocks, includes, roles and tasks into {@link TaskOptions}. */
final class OptionsReader {

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";

    private OptionsReader() {
    }

    static TaskOptions read(MapReader r) {
        Problems problems = r.problems();
        Optional<TaskOptions.RunOnce> runOnce = Optional.empty();
        Optional<YNode> once = r.node("run_once");
        if (once.isPresent()) {
            if (once.get() instanceof YScalar s && s.text().equals("play")) {
                runOnce = Optional.of(TaskOptions.RunOnce.PLAY);
            } else {
                runOnce = r.bool("run_once").filter(b -> b).map(b -> TaskOptions.RunOnce.BATCH);
            }
        }
        List<String> tags = new ArrayList<>();
        for (String t : r.stringList("tags")) {
            for (String part : t.split(",")) {
                if (!part.isBlank()) {
                    tags.add(part.strip());
                }
            }
        }
        SourceLocation varsAt = r.map().keyLocation("vars");
        return new TaskOptions(conditions(r, "when"), r.bool("become"), r.string("become_user"), tags,
                r.bool("ignore_errors"), r.bool("no_log"), r.string("delegate_to"), runOnce, r.bool("check_mode"),
                r.bool("diff"), variables(r, "environment", false), variables(r, "vars", true), varsAt);
    }

    /** A map of names to raw values; variable names must be usable in expressions. */
    static Map<String, Object> variables(MapReader r, String key, boolean checkNames) {
        Map<String, Object> out = new LinkedHashMap<>();
        r.submap(key).ifPresent(m -> {
            if (checkNames) {
                checkVariableNames(m, r.problems());
            }
            m.entries().forEach((k, e) -> out.put(k, e.value().toValue()));
        });
        return out;
    }

    static void checkVariableNames(YMap vars, Problems problems) {
        for (String name : vars.keys()) {
            if (!name.matches(NAME)) {
                problems.add(vars.keyLocation(name), "'" + name + "' is not a valid variable name",
                        "use letters, digits and _ (FreeMarker reads '-' as minus)");
            }
        }
    }

    static boolean validName(String name) {
        return name.matches(NAME);
    }

    /** A condition is a bare expression, or a list of them that must all hold. */
    static List<Expr> conditions(MapReader r, String key) {
        Optional<YNode> node = r.node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        List<Expr> out = new ArrayList<>();
        List<YNode> items = node.get() instanceof YSeq seq ? seq.items() : List.of(node.get());
        for (YNode item : items) {
            condition(item, key, r.problems()).ifPresent(out::add);
        }
        return out;
    }

    static Optional<Expr> condition(YNode item, String key, Problems problems) {
        if (item instanceof YScalar s && !s.isNull()) {
            String text = s.text().strip();
            if (text.startsWith("${") && text.endsWith("}") && !text.substring(2).contains("${")) {
                text = text.substring(2, text.length() - 1); // ${x} is accepted for a bare x
            }
            if (text.contains("{{")) {
                problems.add(s.location(), "'" + key + "' holds a Jinja expression",
                        "write a FreeMarker expression without braces, e.g. x == \"y\"");
            }
            return Optional.of(new Expr(text, s.location()));
        }
        problems.add(item.location(), "'" + key + "' must be an expression or a list of them, not " + item.kind());
        return Optional.empty();
    }
}
