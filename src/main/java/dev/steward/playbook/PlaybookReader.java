package dev.steward.playbook;

import dev.steward.source.MapReader;
import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.Suggestions;
import dev.steward.source.YNode;
import dev.steward.source.YNode.YMap;
import dev.steward.source.YNode.YScalar;
import dev.steward.source.YNode.YSeq;
import dev.steward.source.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a playbook strictly: every unknown key, unknown module, second module, wrong type and
 * module parameter problem is collected with its file:line:column, then reported at once.
 */
public final class PlaybookReader {

    private final ModuleCatalog modules;

    public PlaybookReader(ModuleCatalog modules) {
        this.modules = modules;
    }

    /** Parses {@code file}; problems go to {@code problems} (the caller decides when to fail). */
    public Playbook read(Path file, Problems problems) {
        YNode root = new YamlReader(problems).read(file);
        Path dir = file.toAbsolutePath().getParent();
        List<Play> plays = new ArrayList<>();
        if (root instanceof YSeq seq) {
            for (YNode item : seq.items()) {
                MapReader.of(item, "play", problems).ifPresent(r -> plays.add(play(r)));
            }
        } else if (!(root instanceof YScalar s && s.isNull())) {
            problems.add(root.location(), "a playbook must be a list of plays, not " + root.kind(),
                    "start each play with '- hosts: …'");
        }
        if (plays.isEmpty() && problems.isEmpty()) {
            problems.add(root.location(), "the playbook has no plays", "add '- hosts: all' and some tasks");
        }
        return new Playbook(file, dir, plays);
    }

    private Play play(MapReader r) {
        Problems problems = r.problems();
        for (String key : r.map().keys()) {
            if (Keywords.PLAY_LATER.contains(key)) {
                problems.add(r.map().keyLocation(key), "the play keyword '" + key + "' is not supported by Steward yet",
                        "remove it for now");
            } else if (!Keywords.PLAY.contains(key)) {
                Set<String> known = new TreeSet<>(Keywords.PLAY);
                known.addAll(Keywords.PLAY_LATER);
                problems.add(r.map().keyLocation(key), "unknown key '" + key + "' in play",
                        Suggestions.didYouMean(key, known));
            }
        }
        String name = r.string("name").orElse("");
        String hosts = r.requiredString("hosts");
        Optional<Boolean> become = r.bool("become");
        Optional<String> becomeUser = r.string("become_user");
        boolean gatherFacts = r.bool("gather_facts").orElse(true);
        Map<String, Object> vars = new LinkedHashMap<>();
        SourceLocation varsAt = r.map().keyLocation("vars");
        r.submap("vars").ifPresent(m -> {
            checkVariableNames(m, problems);
            m.entries().forEach((k, e) -> vars.put(k, e.value().toValue()));
            });
        List<Task> tasks = new ArrayList<>();
        r.list("tasks").ifPresent(seq -> {
            for (YNode item : seq.items()) {
                MapReader.of(item, "task", problems).flatMap(this::task).ifPresent(tasks::add);
            }
        });
        return new Play(name, hosts, r.map().location(), become, becomeUser, vars, varsAt, gatherFacts, tasks);
    }

    private Optional<Task> task(MapReader r) {
        Problems problems = r.problems();
        YMap map = r.map();
        List<String> moduleKeys = new ArrayList<>();
        boolean unknownKey = false;
        for (String key : map.keys()) {
            if (Keywords.TASK.contains(key)) {
                continue;
            }
            if (Keywords.TASK_LATER.contains(key)) {
                problems.add(map.keyLocation(key), "the task keyword '" + key + "' is not supported by Steward yet",
                        "remove it for now");
            } else if (modules.names().contains(key)) {
                moduleKeys.add(key);
            } else {
                Set<String> known = new TreeSet<>(modules.names());
                known.addAll(Keywords.TASK);
                known.addAll(Keywords.TASK_LATER);
                problems.add(map.keyLocation(key), "unknown module or task keyword '" + key + "'",
                        Suggestions.didYouMean(key, known));
                unknownKey = true; // go on: the module's parameters may have problems too
            }
        }
        if (moduleKeys.isEmpty() && unknownKey) {
            return Optional.empty(); // the unknown key was most likely the module: "no module" would be noise
        }
        if (moduleKeys.isEmpty()) {
            problems.add(map.location(), "the task has no module", "add one, e.g. 'command: …'; `steward doc` lists them");
            return Optional.empty();
        }
        if (moduleKeys.size() > 1) {
            problems.add(map.keyLocation(moduleKeys.get(1)), "a task runs exactly one module, but this one names "
                    + String.join(" and ", moduleKeys), "split it into two tasks");
            return Optional.empty();
        }
        String module = moduleKeys.get(0);
        YNode args = map.get(module);
        modules.check(module, args, problems);
        List<Expr> when = conditions(r, "when");
        Optional<String> register = r.string("register");
        register.ifPresent(name -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add(map.get("register").location(), "'register' needs a variable name, not '" + name + "'",
                        "use letters, digits and _");
            }
        });
        if (unknownKey) {
            return Optional.empty();
        }
        return Optional.of(new Task(r.string("name").orElse(""), map.location(), module, map.keyLocation(module), args,
                when, register, r.bool("become"), r.string("become_user")));
    }

    /** A condition is a bare expression, or a list of them that must all hold. */
    private static List<Expr> conditions(MapReader r, String key) {
        Optional<YNode> node = r.node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        List<Expr> out = new ArrayList<>();
        List<YNode> items = node.get() instanceof YSeq seq ? seq.items() : List.of(node.get());
        for (YNode item : items) {
            if (item instanceof YScalar s && !s.isNull()) {
                String text = s.text().strip();
                if (text.startsWith("${") && text.endsWith("}")) {
                    text = text.substring(2, text.length() - 1); // ${x} is accepted for a bare x
                }
                if (text.contains("{{")) {
                    r.problems().add(s.location(), "'" + key + "' holds a Jinja expression",
                            "write a FreeMarker expression without braces, e.g. x == \"y\"");
                }
                out.add(new Expr(text, s.location()));
            } else {
                r.problems().add(item.location(), "'" + key + "' must be an expression or a list of them, not "
                        + item.kind());
            }
        }
        return out;
    }

    private static void checkVariableNames(YMap vars, Problems problems) {
        for (String name : vars.keys()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add(vars.keyLocation(name), "'" + name + "' is not a valid variable name",
                        "use letters, digits and _ (FreeMarker reads '-' as minus)");
            }
        }
    }
}
