package dev.steward.playbook;

import dev.steward.source.MapReader;
import dev.steward.source.Problems;
import dev.steward.source.YNode;
import dev.steward.source.YNode.YMap;
import dev.steward.source.YNode.YScalar;
import dev.steward.source.YNode.YSeq;
import dev.steward.source.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A play's roles, read from {@code roles/NAME/} beside the playbook (or one folder up):
 * {@code tasks/main.yml}, {@code handlers/main.yml}, {@code defaults/main.yml}, {@code vars/main.yml};
 * its templates and files are looked up in the role first.
 */
record Roles(List<TaskItem> blocks, List<Task> handlers, Map<String, Object> defaults, Map<String, Object> vars) {

    static Roles read(MapReader play, ReadContext ctx) {
        List<TaskItem> blocks = new ArrayList<>();
        List<Task> handlers = new ArrayList<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Object> vars = new LinkedHashMap<>();
        Problems problems = ctx.problems();
        Optional<YSeq> list = play.list("roles");
        if (list.isEmpty()) {
            return new Roles(blocks, handlers, defaults, vars);
        }
        for (YNode entry : list.get().items()) {
            String name;
            TaskOptions options = TaskOptions.NONE;
            if (entry instanceof YScalar s && !s.isNull()) {
                name = s.text();
            } else if (entry instanceof YMap m) {
                MapReader r = new MapReader(m, "role", problems);
                TaskReader.reportUnknown(r, Keywords.ROLE, "role");
                name = r.string("role").or(() -> r.string("name")).orElse("");
                options = OptionsReader.read(r);
                if (name.isEmpty()) {
                    problems.add(m.location(), "a role entry needs 'role: NAME'");
                    continue;
                }
            } else {
                problems.add(entry.location(), "a role is a name or a map with 'role:', not " + entry.kind());
                continue;
            }
            Optional<Path> dir = find(name, ctx.baseDir());
            if (dir.isEmpty()) {
                problems.add(entry.location(), "role '" + name + "' not found",
                        "looked in " + ctx.baseDir().resolve("roles") + " and " + ctx.baseDir().resolveSibling("roles"));
                continue;
            }
            ReadContext inRole = ctx.inRole(dir.get());
            YamlReader yaml = new YamlReader(problems);
            readVars(dir.get().resolve("defaults/main.yml"), yaml, problems).ifPresent(defaults::putAll);
            readVars(dir.get().resolve("vars/main.yml"), yaml, problems).ifPresent(vars::putAll);
            Path tasks = dir.get().resolve("tasks/main.yml");
            List<TaskItem> items = Files.isRegularFile(tasks)
                    ? TaskReader.list(yaml.read(tasks), "tasks of role " + name, inRole.including(tasks)) : List.of();
            blocks.add(new Block("role: " + name, entry.location(), Block.Kind.ROLE, items, List.of(), List.of(),
                    options));
            Path handlerFile = dir.get().resolve("handlers/main.yml");
            if (Files.isRegularFile(handlerFile)) {
                for (TaskItem h : TaskReader.list(yaml.read(handlerFile), "handlers of role " + name,
                        inRole.including(handlerFile).forHandlers())) {
                    if (h instanceof Task t) {
                        handlers.add(t);
                    }
                }
            }
        }
        return new Roles(blocks, handlers, defaults, vars);
    }

    private static Optional<Path> find(String name, Path playbookDir) {
        for (Path candidate : List.of(playbookDir.resolve("roles").resolve(name),
                playbookDir.resolveSibling("roles").resolve(name))) {
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }

    private static Optional<Map<String, Object>> readVars(Path file, YamlReader yaml, Problems problems) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        YNode node = yaml.read(file);
        if (node instanceof YMap m) {
            OptionsReader.checkVariableNames(m, problems);
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> out.put(k, e.value().toValue()));
            return Optional.of(out);
        }
        if (!(node instanceof YScalar s && s.isNull())) {
            problems.add(node.location(), "a vars file must be a map of names to values");
        }
        return Optional.empty();
    }
}
