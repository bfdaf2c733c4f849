package dev.steward.check;

import dev.steward.exec.FileLookup;
import dev.steward.facts.HostFacts;
import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import dev.steward.playbook.Block;
import dev.steward.playbook.Expr;
import dev.steward.playbook.Play;
import dev.steward.playbook.Playbook;
import dev.steward.playbook.Task;
import dev.steward.playbook.TaskItem;
import dev.steward.playbook.TaskOptions;
import dev.steward.source.Problem;
import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.Suggestions;
import dev.steward.source.YNode;
import dev.steward.template.TemplateEngine;
import dev.steward.template.TemplateFunctions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the variables that are certainly undefined where a task uses them: walks every task of
 * every play in order with the names certainly defined at that point for <em>all</em> hosts of the
 * play, and reads the top-level names of every {@code ${…}} in parameters, conditions, loops,
 * environment, notify and the play's literal {@code .ftl} templates ({@link TemplateNames}).
 *
 * <p>Above all it stays silent when unsure: a name registered or set by any earlier task counts as
 * defined (it may be, even under a condition), handlers see everything the play registers, a name
 * guarded by {@code ??} or {@code !} anywhere in the task's conditions or in the same text is not
 * read unsafely, and text FreeMarker cannot parse, or that could define names the scanner cannot
 * see, is not judged.
 */
public final class UndefinedVariables {

    /** FreeMarker's own shared variables, defined in every template. */
    private static final Set<String> FREEMARKER_SHARED = Set.of("capture_output", "compress", "html_escape",
            "normalize_newlines", "xml_escape");

    private final Inventory inventory;
    private final Map<String, Object> extraVars;
    private final TemplateEngine templates;
    private final Map<String, Object> factKeys = HostFacts.parse("");
    private final Set<String> reported = new HashSet<>();
    /** Names registered or set by tasks read so far: they may be defined from here on. */
    private final Set<String> registered = new HashSet<>();
    /** A set_fact whose names cannot be read statically: from there on anything may be defined. */
    private boolean anythingMayBeSet;

    public UndefinedVariables(Inventory inventory, Map<String, Object> extraVars, TemplateEngine templates) {
        this.inventory = inventory;
        this.extraVars = extraVars;
        this.templates = templates;
    }

    /** A play, the hosts it runs on, and the names defined for every one of them before its tasks. */
    private record PlayScope(Play play, List<Host> hosts, Set<String> base, Playbook playbook) {
    }

    /** What a task can see: the names defined at its place, and the names its conditions guard. */
    private record Scope(Set<String> names, Set<String> guarded) {
        Scope plus(Iterable<String> more) {
            Set<String> n = new HashSet<>(names);
            more.forEach(n::add);
            return new Scope(n, guarded);
        }

        Scope guarding(Set<String> more) {
            Set<String> g = new HashSet<>(guarded);
            g.addAll(more);
            return new Scope(names, g);
        }
    }

    /**
     * @param readingProblems what reading the playbook found: a task it could not read may register
     *     or set names, so the files they are in are searched for those names (and a file that could
     *     not be found at all may define anything)
     */
    public void check(Playbook playbook, List<Map.Entry<Play, List<Host>>> plays, List<Problem> readingProblems,
            Problems problems) {
        unreadTasks(readingProblems);
        for (Map.Entry<Play, List<Host>> e : plays) {
            Play play = e.getKey();
            List<Host> hosts = e.getValue();
            // handlers may run at any flush: what they register may be defined for any later task
            List<Task> handlers = play.handlers();
            handlers.forEach(this::remember);
            Set<String> base = base(play, hosts);
            PlayScope p = new PlayScope(play, hosts, base, playbook);
            // a play without hosts (a pattern matching nothing is reported elsewhere) is not judged
            Optional<Problems> out = hosts.isEmpty() ? Optional.empty() : Optional.of(problems);
            Scope scope = new Scope(base, Set.of());
            for (List<TaskItem> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
                items(section, scope, p, out);
            }
            for (Task h : handlers) {
                task(h, new Scope(base, Set.of()), p, out);
            }
            // play environment is rendered for every task: judged with all the play registers
            environment(play.options(), play.location(), new Scope(base, Set.of()).plus(currentRegistered()), p, out);
        }
    }

    private static final Pattern REGISTER = Pattern.compile("(?m)^\\s*-?\\s*register\\s*:\\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)");

    private void unreadTasks(List<Problem> readingProblems) {
        Set<String> files = new LinkedHashSet<>();
        for (Problem problem : readingProblems) {
            String m = problem.message();
            if (m.contains("not found") || m.contains("includes itself") || m.contains("imports itself")
                    || m.contains("plain file name")) {
                anythingMayBeSet = true; // tasks that were never read
            }
            files.add(problem.location().file());
        }
        for (String f : files) {
            try {
                String content = Files.readString(Path.of(f), StandardCharsets.UTF_8);
                Matcher r = REGISTER.matcher(content);
                while (r.find()) {
                    registered.add(r.group(1));
                }
                if (content.contains("set_fact")) {
                    anythingMayBeSet = true;
                }
            } catch (IOException | RuntimeException e) {
                // not a file (--limit, -e): nothing to search
            }
        }
    }

    /** Inventory vars every host of the play has, facts, play vars, vars_files, role defaults and vars, extra vars. */
    private Set<String> base(Play play, List<Host> hosts) {
        Set<String> names = new HashSet<>();
        boolean first = true;
        for (Host h : hosts) {
            Set<String> own = inventory.varsFor(h.name()).keySet();
            if (first) {
                names.addAll(own);
                first = false;
            } else {
                names.retainAll(own);
            }
        }
        names.add("facts");
        names.addAll(FREEMARKER_SHARED);
        names.addAll(TemplateFunctions.NAMES);
        names.addAll(play.vars().keySet());
        play.varsFiles().forEach(f -> names.addAll(f.vars().keySet()));
        names.addAll(play.roleDefaults().keySet());
        names.addAll(play.roleVars().keySet());
        names.addAll(extraVars.keySet());
        return names;
    }

    private void items(List<TaskItem> items, Scope scope, PlayScope p, Optional<Problems> out) {
        for (TaskItem item : items) {
            if (item instanceof Task t) {
                task(t, scope, p, out);
            } else if (item instanceof Block b) {
                block(b, scope, p, out);
            }
        }
    }

    private void block(Block b, Scope outer, PlayScope p, Optional<Problems> out) {
        Scope scope = outer.plus(b.options().vars().keySet()).plus(b.options().includeVars().keySet())
                .guarding(guardedBy(b.options().when()));
        // a block's conditions and environment are evaluated with each inner task's variables, and with what
        // earlier tasks (earlier plays too) registered or set: be generous
        Scope forOwnKeywords = scope.plus(currentRegistered()).plus(namesDefinedIn(b));
        for (Expr e : b.options().when()) {
            expression(e.text(), e.where(), forOwnKeywords, p, out);
        }
        environment(b.options(), b.location(), forOwnKeywords, p, out);
        items(b.block(), scope, p, out);
        items(b.rescue(), scope.plus(currentRegistered()), p, out);
        items(b.always(), scope.plus(currentRegistered()), p, out);
    }

    private void task(Task t, Scope outer, PlayScope p, Optional<Problems> out) {
        Scope scope = outer.plus(t.options().vars().keySet()).plus(t.options().includeVars().keySet())
                .plus(currentRegistered())
                .guarding(guardedBy(t.options().when()));
        if (t.loop().isPresent()) {
            text(t.loop().get().items(), scope, p, out);
            scope = scope.plus(List.of(t.loop().get().loopVar()));
        }
        for (Expr e : t.options().when()) {
            expression(e.text(), e.where(), scope, p, out);
        }
        text(t.args(), scope, p, out);
        environment(t.options(), t.location(), scope, p, out);
        for (String n : t.notifies()) {
            template(n, t.location(), scope, p, out);
        }
        Scope looped = scope;
        Scope withResult = t.register().map(r -> looped.plus(List.of(r))).orElse(looped);
        List<Expr> judged = new ArrayList<>();
        t.changedWhen().ifPresent(judged::add);
        t.failedWhen().ifPresent(judged::add);
        t.retry().flatMap(r -> r.until()).ifPresent(judged::add);
        for (Expr e : judged) {
            expression(e.text(), e.where(), withResult, p, out);
        }
        templateFile(t, scope, p, out);
        remember(t);
    }

    /** After a task: its register name and the names it sets may be defined. */
    private void remember(Task t) {
        t.register().ifPresent(registered::add);
        if (t.module().equals("set_fact")) {
            if (t.args() instanceof YNode.YMap m) {
                for (String k : m.keys()) {
                    if (k.contains("${")) {
                        anythingMayBeSet = true;
                    }
                    registered.add(k);
                }
            } else {
                anythingMayBeSet = true;
            }
        }
    }

    private Set<String> currentRegistered() {
        return Set.copyOf(registered);
    }

    /** Every name a block's own tasks may define: their vars, registers and set_facts. */
    private static Set<String> namesDefinedIn(Block b) {
        Set<String> names = new HashSet<>();
        List<TaskItem> all = new ArrayList<>(b.block());
        all.addAll(b.rescue());
        all.addAll(b.always());
        for (TaskItem item : all) {
            if (item instanceof Task t) {
                names.addAll(t.options().vars().keySet());
                names.addAll(t.options().includeVars().keySet());
                t.register().ifPresent(names::add);
                t.loop().ifPresent(l -> names.add(l.loopVar()));
                if (t.args() instanceof YNode.YMap m && t.module().equals("set_fact")) {
                    names.addAll(m.keys());
                }
            } else if (item instanceof Block inner) {
                names.addAll(inner.options().vars().keySet());
                names.addAll(inner.options().includeVars().keySet());
                names.addAll(namesDefinedIn(inner));
            }
        }
        return names;
    }

    /** The names a task's conditions test with {@code ??} or {@code !}: used freely once they hold. */
    private static Set<String> guardedBy(List<Expr> when) {
        Set<String> names = new HashSet<>();
        for (Expr e : when) {
            TemplateNames.Scan scan = TemplateNames.expression(e.text());
            if (scan.opaque()) {
                names.addAll(List.of(e.text().split("[^A-Za-z0-9_$@]+"))); // not understood: every word
            } else {
                names.addAll(scan.guarded());
            }
        }
        return names;
    }

    private void environment(TaskOptions options, SourceLocation where, Scope scope, PlayScope p,
            Optional<Problems> out) {
        for (Object value : options.environment().values()) {
            if (value instanceof String s) {
                template(s, where, scope, p, out);
            }
        }
    }

    /** Every scalar of a parameter tree, each a template at its own location. */
    private void text(YNode node, Scope scope, PlayScope p, Optional<Problems> out) {
        if (node instanceof YNode.YScalar s) {
            template(s.text(), s.location(), scope, p, out);
        } else if (node instanceof YNode.YSeq seq) {
            seq.items().forEach(i -> text(i, scope, p, out));
        } else if (node instanceof YNode.YMap m) {
            m.entries().values().forEach(e -> text(e.value(), scope, p, out));
        }
    }

    private void template(String text, SourceLocation where, Scope scope, PlayScope p, Optional<Problems> out) {
        if (!text.contains("${") && !text.contains("<#") && !text.contains("<@")) {
            return;
        }
        if (!templates.parses(text, false)) {
            return;
        }
        TemplateNames.Scan scan = TemplateNames.template(text);
        if (!scan.opaque()) {
            scan.uses().forEach(u -> judge(u, where, scope, p, out));
        }
    }

    private void expression(String text, SourceLocation where, Scope scope, PlayScope p, Optional<Problems> out) {
        if (!templates.parses(text, true)) {
            return;
        }
        TemplateNames.Scan scan = TemplateNames.expression(text);
        if (!scan.opaque()) {
            scan.uses().forEach(u -> judge(u, where, scope, p, out));
        }
    }

    /** A literal {@code src} of the template module: its names, at their place in the file. */
    private void templateFile(Task t, Scope scope, PlayScope p, Optional<Problems> out) {
        if (!t.module().equals("template") || !(t.args() instanceof YNode.YMap m)
                || !(m.get("src") instanceof YNode.YScalar src) || src.text().contains("${")) {
            return;
        }
        Optional<Path> file = FileLookup.candidates(src.text(), "templates", t.baseDir(), p.playbook().dir()).stream()
                .filter(Files::isRegularFile).findFirst();
        if (file.isEmpty()) {
            return; // reported as not found
        }
        String content;
        try {
            content = Files.readString(file.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        if (!templates.parses(content, false)) {
            return;
        }
        TemplateNames.Scan scan = TemplateNames.template(content);
        if (scan.opaque()) {
            return;
        }
        for (TemplateNames.Use u : scan.uses()) {
            judge(u, at(file.get(), content, u.offset()), scope, p, out);
        }
    }

    private static SourceLocation at(Path file, String content, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (content.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourceLocation(file.toString(), line, offset - lineStart + 1);
    }

    private void judge(TemplateNames.Use u, SourceLocation where, Scope scope, PlayScope p, Optional<Problems> out) {
        if (out.isEmpty() || anythingMayBeSet || scope.guarded().contains(u.name())) {
            return;
        }
        if (scope.names().contains(u.name())) {
            if (u.name().equals("facts") && !u.path().isEmpty() && factsAreOnlyFacts(scope, p)) {
                judgeFact(u, where, out.get());
            }
            return;
        }
        List<String> having = p.hosts().stream().filter(h -> inventory.varsFor(h.name()).containsKey(u.name()))
                .map(Host::name).toList();
        if (!having.isEmpty()) {
            List<String> missing = p.hosts().stream().map(Host::name).filter(n -> !having.contains(n)).toList();
            report(out.get(), where, "variable '" + u.name() + "' is not defined for "
                    + (missing.size() == 1 ? "host " : "hosts ") + String.join(", ", missing)
                    + " of the play (only for " + String.join(", ", having) + ")",
                    "define it for every host (e.g. in group_vars/all) or give a default: ${" + u.name()
                            + "!\"…\"}");
            return;
        }
        Set<String> known = new TreeSet<>(scope.names());
        known.removeAll(FREEMARKER_SHARED);
        known.removeAll(TemplateFunctions.NAMES);
        String hint = Suggestions.didYouMean(u.name(), known);
        report(out.get(), where, "undefined variable '" + u.name() + "'", hint.isEmpty()
                ? "define it (vars, inventory, -e) or give a default: ${" + u.name() + "!\"…\"}" : hint);
    }

    /** {@code facts} is the gathered facts only when nothing else of that name is defined. */
    private boolean factsAreOnlyFacts(Scope scope, PlayScope p) {
        return !p.play().vars().containsKey("facts") && !extraVars.containsKey("facts")
                && !p.play().roleDefaults().containsKey("facts") && !p.play().roleVars().containsKey("facts")
                && p.play().varsFiles().stream().noneMatch(f -> f.vars().containsKey("facts"))
                && !registered.contains("facts")
                && p.hosts().stream().noneMatch(h -> inventory.varsFor(h.name()).containsKey("facts"));
    }

    /** {@code facts.osx}: a fact Steward never gathers. */
    private void judgeFact(TemplateNames.Use u, SourceLocation where, Problems out) {
        Map<String, Object> level = factKeys;
        String path = "facts";
        for (String member : u.path()) {
            if (!level.containsKey(member)) {
                String hint = Suggestions.didYouMean(member, level.keySet());
                report(out, where, "'" + path + "' has no '" + member + "'", hint.isEmpty()
                        ? "the facts are " + String.join(", ", prefixed(path, level.keySet())) : hint);
                return;
            }
            if (!(level.get(member) instanceof Map<?, ?> inner)) {
                return;
            }
            Map<String, Object> next = new HashMap<>();
            inner.forEach((k, v) -> next.put(String.valueOf(k), v));
            level = next;
            path = path + "." + member;
        }
    }

    private static List<String> prefixed(String path, Set<String> keys) {
        return new LinkedHashSet<>(keys).stream().map(k -> path + "." + k).toList();
    }

    private void report(Problems out, SourceLocation where, String message, String hint) {
        if (reported.add(where + "\u0000" + message)) {
            out.add(where, message, hint);
        }
    }
}
