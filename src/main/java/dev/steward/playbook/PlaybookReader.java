package dev.steward.playbook;

import dev.steward.source.FileDecryptor;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a playbook strictly: every unknown key, unknown module, second module, wrong type and
 * module parameter problem is collected with its file:line:column, then reported at once. Roles,
 * imports and includes are read too, so their mistakes show before anything runs.
 */
public final class PlaybookReader {

    private final ModuleCatalog modules;
    private final FileDecryptor decryptor;

    public PlaybookReader(ModuleCatalog modules) {
        this(modules, FileDecryptor.NO_PASSWORD);
    }

    /** @param decryptor opens {@code vars_files} that are whole vault files */
    public PlaybookReader(ModuleCatalog modules, FileDecryptor decryptor) {
        this.modules = modules;
        this.decryptor = decryptor;
    }

    /** Parses {@code file}; problems go to {@code problems} (the caller decides when to fail). */
    public Playbook read(Path file, Problems problems) {
        Path abs = file.toAbsolutePath().normalize();
        List<Play> plays = new ArrayList<>();
        readInto(file, abs, plays, new ArrayList<>(), problems);
        if (plays.isEmpty() && problems.isEmpty()) {
            problems.add(new SourceLocation(file.toString(), 1, 1), "the playbook has no plays",
                    "add '- hosts: all' and some tasks");
        }
        return new Playbook(file, abs.getParent(), plays);
    }

    private void readInto(Path shown, Path abs, List<Play> plays, List<Path> chain, Problems problems) {
        chain.add(abs);
        YNode root = new YamlReader(problems).read(shown);
        if (root instanceof YSeq seq) {
            for (YNode item : seq.items()) {
                if (item instanceof YMap m && m.has("import_playbook")) {
                    importPlaybook(m, abs, plays, chain, problems);
                } else {
                    MapReader.of(item, "play", problems).ifPresent(r -> plays.add(play(r, abs.getParent(), problems)));
                }
            }
        } else if (!(root instanceof YScalar s && s.isNull())) {
            problems.add(root.location(), "a playbook must be a list of plays, not " + root.kind(),
                    "start each play with '- hosts: …'");
        }
        chain.remove(chain.size() - 1);
    }

    private void importPlaybook(YMap m, Path from, List<Play> plays, List<Path> chain, Problems problems) {
        MapReader r = new MapReader(m, "import_playbook", problems);
        r.allowOnly(List.of("import_playbook", "name"));
        String name = r.string("import_playbook").orElse("");
        if (name.isEmpty()) {
            return;
        }
        Path target = from.getParent().resolve(name).normalize();
        SourceLocation at = m.get("import_playbook").location();
        if (!Files.isRegularFile(target)) {
            problems.add(at, "import_playbook: file not found: " + name, "looked at " + target);
        } else if (chain.contains(target)) {
            problems.add(at, "import_playbook: " + name + " imports itself", "remove the loop");
        } else {
            Path shown = Path.of(m.location().file()).resolveSibling(name).normalize();
            readInto(shown, target, plays, chain, problems);
        }
    }

    private Play play(MapReader r, Path dir, Problems problems) {
        reportUnknownPlayKeys(r);
        String name = r.string("name").orElse("");
        String hosts = r.requiredString("hosts");
        TaskOptions options = OptionsReader.read(r);
        boolean gatherFacts = r.bool("gather_facts").orElse(true);
        boolean forceHandlers = r.bool("force_handlers").orElse(false);
        boolean anyErrorsFatal = r.bool("any_errors_fatal").orElse(false);
        List<Play.VarsFile> varsFiles = varsFiles(r, dir);
        ReadContext ctx = new ReadContext(dir, dir, List.of(), false, problems, modules);
        Roles roles = Roles.read(r, ctx);
        List<TaskItem> pre = TaskReader.list(r.map().get("pre_tasks"), "pre_tasks", ctx);
        List<TaskItem> tasks = new ArrayList<>(roles.blocks());
        tasks.addAll(TaskReader.list(r.map().get("tasks"), "tasks", ctx));
        List<TaskItem> post = TaskReader.list(r.map().get("post_tasks"), "post_tasks", ctx);
        List<Task> handlers = new ArrayList<>();
        for (TaskItem h : TaskReader.list(r.map().get("handlers"), "handlers", ctx.forHandlers())) {
            flattenHandlers(h, TaskOptions.NONE, handlers, problems);
        }
        handlers.addAll(roles.handlers());
        // Play-level vars travel in options too (for inheritance); the Play keeps them apart as their own layer.
        TaskOptions inherited = new TaskOptions(options.when(), options.become(), options.becomeUser(), options.tags(),
                options.ignoreErrors(), options.noLog(), options.delegateTo(), options.runOnce(), options.checkMode(),
                options.diff(), options.environment(), Map.of(), SourceLocation.UNKNOWN);
        return new Play(name, hosts, r.map().location(), inherited, options.vars(), options.varsLocation(), varsFiles,
                gatherFacts, forceHandlers, anyErrorsFatal, pre, tasks, post, handlers, roles.defaults(), roles.vars(),
                batching(r));
    }

    /** {@code serial} (a count, a percentage, or a list of them), {@code order}, {@code max_fail_percentage}. */
    private static Play.Batching batching(MapReader r) {
        Problems problems = r.problems();
        Optional<Serial> serial = Optional.empty();
        YNode node = r.map().get("serial");
        if (node != null) {
            List<YNode> items = node instanceof YSeq seq ? seq.items() : List.of(node);
            List<Serial.Size> sizes = new ArrayList<>();
            for (YNode item : items) {
                try {
                    if (!(item instanceof YScalar s)) {
                        throw new NumberFormatException();
                    }
                    sizes.add(Serial.parseSize(s.text()));
                } catch (NumberFormatException e) {
                    problems.add(item.location(), "'serial' takes a number of hosts or a percentage (1-100%), or a "
                            + "list of them, not " + (item instanceof YScalar s ? "'" + s.text() + "'" : item.kind()));
                }
            }
            if (!sizes.isEmpty() && sizes.size() == items.size()) {
                serial = Optional.of(new Serial(sizes));
            }
        }
        HostOrder order = HostOrder.INVENTORY;
        YNode orderNode = r.map().get("order");
        if (orderNode != null) {
            Optional<Expr> e = OptionsReader.condition(orderNode, "order", problems);
            if (e.isPresent()) {
                order = HostOrder.of(e.get().text(), e.get());
            }
        }
        return new Play.Batching(serial, order, r.integer("max_fail_percentage", 0, 100), healthCheck(r));
    }

    private static Optional<HealthCheck> healthCheck(MapReader play) {
        Optional<YNode.YMap> node = play.submap("health_check");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        MapReader r = new MapReader(node.get(), "health_check", play.problems());
        r.allowOnly(Keywords.HEALTH_CHECK);
        List<HealthCheck.Probe> probes = new ArrayList<>();
        r.submap("http").ifPresent(m -> {
            MapReader h = new MapReader(m, "health_check.http", play.problems());
            h.allowOnly(List.of("url", "status", "body"));
            List<Integer> statuses = new ArrayList<>();
            for (String st : h.stringList("status")) {
                try {
                    statuses.add(Integer.parseInt(st.strip()));
                } catch (NumberFormatException e) {
                    play.problems().add(m.location(), "health_check.http.status takes HTTP status numbers, not '" + st + "'");
                }
            }
            probes.add(new HealthCheck.Http(h.requiredString("url"), statuses.isEmpty() ? List.of(200) : statuses,
                    h.string("body")));
        });
        r.submap("tcp").ifPresent(m -> {
            MapReader t = new MapReader(m, "health_check.tcp", play.problems());
            t.allowOnly(List.of("host", "port", "state"));
            String state = t.string("state").orElse("open");
            if (!state.equals("open") && !state.equals("refused")) {
                play.problems().add(m.location(), "health_check.tcp.state is open or refused, not '" + state + "'");
            }
            probes.add(new HealthCheck.Tcp(t.string("host").orElse("127.0.0.1"), t.requiredString("port"),
                    !state.equals("refused")));
        });
        r.string("command").ifPresent(c -> probes.add(new HealthCheck.Command(c)));
        if (probes.size() != 1) {
            play.problems().add(node.get().location(), "health_check needs exactly one of http, tcp or command",
                    "e.g. health_check: {http: {url: \"http://127.0.0.1:6688/health\"}, successes: 3}");
            return Optional.empty();
        }
        String from = r.string("from").orElse("host");
        if (!from.equals("host") && !from.equals("controller")) {
            play.problems().add(node.get().keyLocation("from"), "health_check.from is host or controller, not '" + from + "'");
        }
        return Optional.of(new HealthCheck(probes.get(0), from.equals("controller"), r.integer("interval", 1, 3600)
                .orElse(2), r.integer("timeout", 1, 86_400).orElse(120), r.integer("successes", 1, 100).orElse(1),
                node.get().location()));
    }

    private static void flattenHandlers(TaskItem item, TaskOptions outer, List<Task> into, Problems problems) {
        if (item instanceof Task t) {
            into.add(t.inside(outer));
        } else if (item instanceof Block b) {
            if (!b.rescue().isEmpty() || !b.always().isEmpty()) {
                problems.add(b.location(), "handlers cannot have rescue or always", "make them plain tasks");
            }
            for (TaskItem inner : b.block()) {
                flattenHandlers(inner, b.options().inside(outer), into, problems);
            }
        }
    }

    private static void reportUnknownPlayKeys(MapReader r) {
        for (String key : r.map().keys()) {
            if (Keywords.PLAY.contains(key)) {
                continue;
            }
            SourceLocation at = r.map().keyLocation(key);
            if (Keywords.NOT_SUPPORTED.containsKey(key)) {
                r.problems().add(at, "Ansible's '" + key + "' is not supported by Steward",
                        Keywords.NOT_SUPPORTED.get(key));
            } else {
                Set<String> known = new TreeSet<>(Keywords.PLAY);
                known.addAll(Keywords.NOT_SUPPORTED.keySet());
                r.problems().add(at, "unknown key '" + key + "' in play", Suggestions.didYouMean(key, known));
            }
        }
    }

    private List<Play.VarsFile> varsFiles(MapReader r, Path dir) {
        List<Play.VarsFile> out = new ArrayList<>();
        Problems problems = r.problems();
        YNode node = r.map().get("vars_files");
        if (node == null) {
            return out;
        }
        List<YNode> items = node instanceof YSeq seq ? seq.items() : List.of(node);
        for (YNode item : items) {
            if (!(item instanceof YScalar s) || s.isNull()) {
                problems.add(item.location(), "vars_files takes file names, not " + item.kind());
                continue;
            }
            Path file = dir.resolve(s.text()).normalize();
            if (s.text().contains("${")) {
                problems.add(s.location(), "vars_files needs plain file names, not templates");
            } else if (!Files.isRegularFile(file)) {
                problems.add(s.location(), "vars file not found: " + s.text(), "looked at " + file);
            } else {
                YNode content;
                try {
                    content = new YamlReader(problems, decryptor).read(file);
                } catch (dev.steward.source.ValidationException e) {
                    problems.addAll(e.problems());
                    continue;
                }
                Map<String, Object> vars = new LinkedHashMap<>();
                if (content instanceof YMap m) {
                    OptionsReader.checkVariableNames(m, problems);
                    m.entries().forEach((k, e) -> vars.put(k, e.value().toValue()));
                } else if (!(content instanceof YScalar c && c.isNull())) {
                    problems.add(content.location(), "a vars file must be a map of names to values");
                }
                out.add(new Play.VarsFile(s.text(), vars, content.location()));
            }
        }
        return out;
    }
}
