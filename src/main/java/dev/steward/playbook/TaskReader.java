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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads task lists: tasks, blocks with rescue/always, and imported or included task files. */
final class TaskReader {

    private TaskReader() {
    }

    static List<TaskItem> list(YNode node, String what, ReadContext ctx) {
        List<TaskItem> items = new ArrayList<>();
        if (node == null || (node instanceof YScalar s && s.isNull())) {
            return items;
        }
        if (!(node instanceof YSeq seq)) {
            ctx.problems().add(node.location(), "'" + what + "' must be a list of tasks, not " + node.kind());
            return items;
        }
        for (YNode item : seq.items()) {
            MapReader.of(item, ctx.handlers() ? "handler" : "task", ctx.problems()).flatMap(r -> item(r, ctx))
                    .ifPresent(items::add);
        }
        return items;
    }

    private static Optional<TaskItem> item(MapReader r, ReadContext ctx) {
        if (r.has("block")) {
            return Optional.of(block(r, ctx));
        }
        for (String key : Keywords.TASK_FILE_KEYS) {
            if (r.has(key)) {
                return include(r, key, ctx);
            }
        }
        return task(r, ctx).map(t -> t);
    }

    private static Block block(MapReader r, ReadContext ctx) {
        reportUnknown(r, Keywords.BLOCK, "block");
        TaskOptions options = OptionsReader.read(r);
        return new Block(r.string("name").orElse(""), r.map().location(), Block.Kind.BLOCK,
                list(r.map().get("block"), "block", ctx), list(r.map().get("rescue"), "rescue", ctx),
                list(r.map().get("always"), "always", ctx), options);
    }

    /** {@code import_tasks: file} or {@code include_tasks: file}: the file's tasks, read now. */
    private static Optional<TaskItem> include(MapReader r, String key, ReadContext ctx) {
        reportUnknown(r, Keywords.INCLUDE, key);
        Problems problems = r.problems();
        YNode target = r.map().get(key);
        String file;
        if (target instanceof YScalar s && !s.isNull()) {
            file = s.text();
        } else if (target instanceof YMap m && m.get("file") instanceof YScalar s) {
            file = s.text();
        } else {
            problems.add(target.location(), key + " needs a file name");
            return Optional.empty();
        }
        if (file.contains("${")) {
            problems.add(target.location(), key + " needs a plain file name, not a template",
                    "choose between files with 'when' on two includes");
            return Optional.empty();
        }
        Path path = resolve(file, ctx);
        if (!Files.isRegularFile(path)) {
            problems.add(target.location(), key + ": file not found: " + file, "looked at " + path);
            return Optional.empty();
        }
        if (ctx.including().contains(path)) {
            problems.add(target.location(), key + ": " + file + " includes itself", "remove the loop");
            return Optional.empty();
        }
        YNode content = new YamlReader(problems).read(path);
        Block.Kind kind = key.equals("import_tasks") ? Block.Kind.IMPORT : Block.Kind.INCLUDE;
        List<TaskItem> items = list(content, key + " " + file, ctx.including(path));
        return Optional.of(new Block(r.string("name").orElse(key + ": " + file), r.map().location(), kind, items,
                List.of(), List.of(), OptionsReader.read(r).asIncludeVars()));
    }

    private static Path resolve(String file, ReadContext ctx) {
        Path p = Path.of(file);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        Path here = ctx.currentDir().resolve(p).normalize();
        return Files.exists(here) ? here : ctx.baseDir().resolve(p).normalize();
    }

    private static Optional<Task> task(MapReader r, ReadContext ctx) {
        Problems problems = r.problems();
        YMap map = r.map();
        List<String> keywords = ctx.handlers() ? Keywords.HANDLER : Keywords.TASK;
        List<String> moduleKeys = new ArrayList<>();
        boolean unknownKey = false;
        for (String key : map.keys()) {
            if (keywords.contains(key)) {
                continue;
            }
            if (Keywords.NOT_SUPPORTED.containsKey(key)) {
                problems.add(map.keyLocation(key), "Ansible's '" + key + "' is not supported by Steward",
                        Keywords.NOT_SUPPORTED.get(key));
                unknownKey = true;
            } else if (ctx.modules().names().contains(key)) {
                moduleKeys.add(key);
            } else {
                Set<String> known = new TreeSet<>(ctx.modules().names());
                known.addAll(keywords);
                known.addAll(Keywords.NOT_SUPPORTED.keySet());
                known.addAll(Keywords.TASK_FILE_KEYS);
                known.add("block");
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
        ctx.modules().check(module, args, problems);
        TaskOptions options = OptionsReader.read(r);
        Optional<String> register = r.string("register");
        register.ifPresent(name -> {
            if (!OptionsReader.validName(name)) {
                problems.add(map.get("register").location(), "'register' needs a variable name, not '" + name + "'",
                        "use letters, digits and _");
            }
        });
        Optional<Loop> loop = loop(r);
        Optional<Expr> changedWhen = r.node("changed_when").flatMap(n -> OptionsReader.condition(n, "changed_when",
                problems));
        Optional<Expr> failedWhen = r.node("failed_when").flatMap(n -> OptionsReader.condition(n, "failed_when",
                problems));
        Optional<Retry> retry = retry(r);
        List<String> notify = r.stringList("notify");
        List<String> listen = ctx.handlers() ? r.stringList("listen") : List.of();
        if (unknownKey) {
            return Optional.empty();
        }
        String name = r.string("name").orElse("");
        if (ctx.handlers() && name.isEmpty() && listen.isEmpty()) {
            problems.add(map.location(), "a handler needs a 'name' (or 'listen') to be notified by");
        }
        return Optional.of(new Task(name, map.location(), module, map.keyLocation(module), args, options, loop,
                register, notify, changedWhen, failedWhen, retry, listen, ctx.baseDir()));
    }

    private static Optional<Loop> loop(MapReader r) {
        Optional<YNode> items = r.node("loop");
        Optional<YMap> control = r.submap("loop_control");
        if (items.isEmpty()) {
            control.ifPresent(c -> r.problems().add(c.location(), "'loop_control' without 'loop'"));
            return Optional.empty();
        }
        YNode node = items.get();
        if (!(node instanceof YSeq) && !(node instanceof YScalar s && s.text().strip().startsWith("${"))) {
            r.problems().add(node.location(), "'loop' takes a list, or one ${expression} that gives a list");
        }
        String loopVar = "item";
        Optional<String> label = Optional.empty();
        if (control.isPresent()) {
            MapReader c = new MapReader(control.get(), "loop_control", r.problems());
            c.allowOnly(Keywords.LOOP_CONTROL);
            loopVar = c.string("loop_var").orElse("item");
            if (!OptionsReader.validName(loopVar)) {
                r.problems().add(control.get().location(), "'loop_var' needs a variable name, not '" + loopVar + "'");
            }
            label = c.string("label");
        }
        return Optional.of(new Loop(node, loopVar, label));
    }

    private static Optional<Retry> retry(MapReader r) {
        if (!r.has("until") && !r.has("retries")) {
            if (r.has("delay")) {
                r.problems().add(r.map().keyLocation("delay"), "'delay' without 'until' or 'retries'");
            }
            return Optional.empty();
        }
        Optional<Expr> until = r.node("until").flatMap(n -> OptionsReader.condition(n, "until", r.problems()));
        int retries = r.integer("retries", 0, 10_000).orElse(3);
        int delay = r.integer("delay", 0, 86_400).orElse(5);
        return Optional.of(new Retry(until, retries, delay));
    }

    static void reportUnknown(MapReader r, List<String> known, String what) {
        for (String key : r.map().keys()) {
            if (known.contains(key)) {
                continue;
            }
            SourceLocation at = r.map().keyLocation(key);
            if (Keywords.NOT_SUPPORTED.containsKey(key)) {
                r.problems().add(at, "Ansible's '" + key + "' is not supported by Steward",
                        Keywords.NOT_SUPPORTED.get(key));
            } else {
                Set<String> all = new TreeSet<>(known);
                all.addAll(Keywords.NOT_SUPPORTED.keySet());
                r.problems().add(at, "unknown key '" + key + "' in " + what, Suggestions.didYouMean(key, all));
            }
        }
    }
}
