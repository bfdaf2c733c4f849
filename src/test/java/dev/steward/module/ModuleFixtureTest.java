package dev.steward.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steward.remote.Apply;
import dev.steward.remote.CommandResult;
import dev.steward.source.MapReader;
import dev.steward.source.Problems;
import dev.steward.source.YNode;
import dev.steward.source.YNode.YMap;
import dev.steward.source.YNode.YScalar;
import dev.steward.source.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every module as data, the pyinfra way: each {@code module-fixtures/<module>/*.yml} gives the
 * module's arguments as a playbook would write them, the read-only questions the module must ask
 * (with scripted answers), the mutating commands it must send (exact command line and stdin), and
 * the outcome. Any command the fixture does not expect fails the test, and so does a mutating
 * command while the module is still probing.
 *
 * <pre>
 * module: copy
 * args: {dest: /etc/motd, content: "hi\n"}
 * check_mode: false                 # optional
 * context:                          # optional: what the run around the module answers
 *   files: {NAME: content}          #   copy src: NAME
 *   tars: {NAME: {ENTRY: content}}  #   a tar file NAME holding those entries (docker_image load: NAME)
 *   templates: {NAME: rendered}     #   template src: NAME (rendering is faked)
 *   vars: {EXPR: value}             #   debug var: EXPR
 *   controller: {PATH: content}     #   files already on the controller (fetch), relative to its folder
 * probes:                           # read-only commands, in order
 *   - {command_contains: "p='/etc/motd'", rc: 0, stdout: "type=absent\nparent=yes\n"}
 * applies:                          # mutating commands, in order
 *   - {command: "exact line", stdin: "exact text", rc: 0}
 *   - {command_contains: "docker load", stdin_size: 10240}   # binary stdin: only its length
 *   - {command: "#reconnect", rc: 0}  # Apply.reconnect; rc non-zero: SSH does not answer (yet)
 * expect:
 *   status: ok | changed | failed
 *   certain: false                  # optional: for a Change, whether the module was sure
 *   message_contains: "…"           # optional
 *   data: {key: value}              # optional: a subset of the result's data
 *   controller_files: {PATH: text}  # optional: files on the controller afterwards (null: absent)
 * </pre>
 */
class ModuleFixtureTest {

    private static final Path ROOT = Path.of("src/test/resources/module-fixtures");
    private static final ModuleRegistry MODULES = ModuleRegistry.standard();
    private static final List<String> FIXTURE_KEYS = List.of("description", "module", "args", "check_mode", "context",
            "probes", "applies", "expect");

    @TempDir
    static Path scratch;

    @TestFactory
    Stream<DynamicTest> everyFixture() throws IOException {
        return fixtureFiles().stream().map(f -> DynamicTest.dynamicTest(ROOT.relativize(f).toString(), f.toUri(),
                () -> run(f)));
    }

    @Test
    void everyModuleHasFixtures() throws IOException {
        List<Path> files = fixtureFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        for (String module : MODULES.names()) {
            assertThat(files).as("fixtures for module %s", module)
                    .anyMatch(f -> f.getParent().getFileName().toString().equals(module));
        }
    }

    private static List<Path> fixtureFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    // ---------------------------------------------------------------- one fixture

    private static void run(Path file) throws Exception {
        Problems problems = new Problems();
        YNode root = new YamlReader(problems).read(file);
        MapReader fixture = MapReader.of(root, "fixture", problems).orElseThrow();
        fixture.allowOnly(FIXTURE_KEYS);
        problems.throwIfAny();

        String moduleName = fixture.requiredString("module");
        Module module = MODULES.find(moduleName).orElseThrow(() -> new AssertionError("no module " + moduleName));
        assertThat(file.getParent().getFileName().toString()).as("folder of the fixture").isEqualTo(moduleName);
        YNode argsNode = fixture.node("args").orElse(new YScalar(root.location(), "", true));
        ArgsChecker.check(moduleName, module.spec(), argsNode, problems); // fixtures are valid playbooks
        problems.throwIfAny();
        boolean checkMode = fixture.bool("check_mode").orElse(false);

        Script script = new Script(steps(fixture, "probes", problems), steps(fixture, "applies", problems));
        FakeContext context = new FakeContext(fixture.submap("context").orElse(null), file);
        Expect expect = Expect.of(fixture.submap("expect").orElseThrow(() -> new AssertionError("no expect")), problems);
        problems.throwIfAny();

        Outcome outcome;
        try {
            Args args = Args.of(moduleName, module.spec(), argsNode.toValue());
            Plan plan = module.plan(new ModuleCall(args, script, context));
            script.probingDone();
            if (plan instanceof Plan.Unchanged u) {
                outcome = Outcome.of(u.result(), Optional.empty());
            } else {
                Plan.Change change = (Plan.Change) plan;
                if (checkMode) {
                    outcome = new Outcome("changed", (change.certain() ? "" : "may change: ") + change.summary(),
                            Map.of(), Optional.of(change.certain()));
                } else {
                    outcome = Outcome.of(change.action().apply(script), Optional.of(change.certain()));
                }
            }
        } catch (ModuleFailure e) {
            outcome = new Outcome("failed", e.getMessage(), e.details(), Optional.empty());
        }
        script.allDone(checkMode);
        expect.check(outcome);
        expect.controllerFiles().forEach((path, text) -> {
            Path f = context.controller.resolve(path);
            if (text == null) {
                assertThat(f).as("controller file %s", path).doesNotExist();
            } else {
                assertThat(f).as("controller file %s", path).hasContent(String.valueOf(text));
            }
        });
    }

    private record Outcome(String status, String message, Map<String, Object> data, Optional<Boolean> certain) {
        static Outcome of(Result r, Optional<Boolean> certain) {
            return new Outcome(r.changed() ? "changed" : "ok", r.msg(), r.data(), certain);
        }
    }

    private record Expect(String status, Optional<Boolean> certain, Optional<String> messageContains,
            Map<String, Object> data, Map<String, Object> controllerFiles) {

        @SuppressWarnings("unchecked")
        static Expect of(YMap map, Problems problems) {
            MapReader r = new MapReader(map, "expect", problems);
            r.allowOnly(List.of("status", "certain", "message_contains", "data", "controller_files"));
            String status = r.requiredString("status");
            if (!List.of("ok", "changed", "failed").contains(status)) {
                problems.add(map.location(), "status must be ok, changed or failed");
            }
            Map<String, Object> data = r.submap("data").map(m -> (Map<String, Object>) m.toValue()).orElse(Map.of());
            Map<String, Object> files = r.submap("controller_files").map(m -> (Map<String, Object>) m.toValue())
                    .orElse(Map.of());
            return new Expect(status, r.bool("certain"), r.string("message_contains"), data, files);
        }

        void check(Outcome actual) {
            String seen = "outcome: " + actual;
            assertThat(actual.status()).as(seen).isEqualTo(status);
            certain.ifPresent(c -> assertThat(actual.certain()).as(seen).contains(c));
            messageContains.ifPresent(m -> assertThat(actual.message()).as(seen).contains(m));
            data.forEach((k, v) -> {
                assertThat(actual.data()).as(seen).containsKey(k);
                assertThat(normalize(actual.data().get(k))).as("data '%s'; %s", k, seen).isEqualTo(normalize(v));
            });
        }

        private static Object normalize(Object v) {
            if (v instanceof Integer i) {
                return i.longValue();
            }
            if (v instanceof List<?> l) {
                return l.stream().map(Expect::normalize).toList();
            }
            return v;
        }
    }

    // ---------------------------------------------------------------- the scripted host

    /** One expected command and its scripted answer. */
    private record Step(String command, boolean exact, Optional<String> stdin, Optional<Integer> stdinSize,
            CommandResult answer, String where) {

        boolean matches(String line) {
            return exact ? line.equals(command) : line.contains(command);
        }
    }

    private static Deque<Step> steps(MapReader fixture, String key, Problems problems) {
        Deque<Step> out = new ArrayDeque<>();
        fixture.list(key).ifPresent(seq -> {
            for (YNode item : seq.items()) {
                MapReader.of(item, key + " item", problems).ifPresent(r -> {
                    r.allowOnly(List.of("command", "command_contains", "stdin", "stdin_size", "rc", "stdout",
                            "stderr"));
                    Optional<String> exact = r.string("command");
                    Optional<String> contains = r.string("command_contains");
                    if (exact.isPresent() == contains.isPresent()) {
                        problems.add(r.map().location(), "give exactly one of command, command_contains");
                        return;
                    }
                    CommandResult answer = new CommandResult(r.integer("rc", 0, 255).orElse(0),
                            r.string("stdout").orElse(""), r.string("stderr").orElse(""), false);
                    out.add(new Step(exact.orElseGet(contains::get), exact.isPresent(), r.string("stdin"),
                            r.integer("stdin_size", 0, Integer.MAX_VALUE), answer, item.location().toString()));
                });
            }
        });
        return out;
    }

    /**
     * The host as the module sees it. While the module plans it only answers {@link #query} from the
     * probe script; it is an {@link Apply} only so that a module casting its probe is caught running
     * a mutating command too early.
     */
    private static final class Script implements Apply {
        private final Deque<Step> probes;
        private final Deque<Step> applies;
        private boolean probing = true;
        private final List<String> ran = new ArrayList<>();

        Script(Deque<Step> probes, Deque<Step> applies) {
            this.probes = probes;
            this.applies = applies;
        }

        @Override
        public String host() {
            return "fixture-host";
        }

        @Override
        public CommandResult query(String commandLine) {
            return next(probing ? probes : applies, commandLine, null, probing ? "probe" : "query while applying");
        }

        @Override
        public CommandResult query(String commandLine, InputStream stdin) {
            return next(probing ? probes : applies, commandLine, stdin, probing ? "probe" : "query while applying");
        }

        @Override
        public void reconnect(java.time.Duration timeout) throws dev.steward.transport.TransportException {
            if (probing) {
                fail("reconnect while probing");
            }
            CommandResult r = next(applies, "#reconnect", null, "reconnect");
            if (r.exitCode() != 0) {
                throw new dev.steward.transport.TransportException(
                        dev.steward.transport.TransportException.Reason.CONNECT_FAILED, "scripted: " + r.stderr());
            }
        }

        @Override
        public CommandResult run(String commandLine, InputStream stdin) {
            if (probing) {
                fail("mutating command while probing (the probe is read-only):\n" + commandLine);
            }
            return next(applies, commandLine, stdin, "apply");
        }

        private CommandResult next(Deque<Step> steps, String line, InputStream stdin, String what) {
            ran.add(line);
            Step step = steps.poll();
            if (step == null) {
                fail("unexpected " + what + " command:\n" + line + "\n(nothing more was expected)");
            }
            if (!step.matches(line)) {
                fail("unexpected " + what + " command:\n" + line + "\nexpected (" + step.where() + ", "
                        + (step.exact() ? "exactly" : "containing") + "):\n" + step.command());
            }
            byte[] bytes = stdin == null ? null : readAllBytes(stdin);
            String sent = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
            step.stdin().ifPresent(s -> assertThat(sent).as("stdin of %s", line).isEqualTo(s));
            step.stdinSize().ifPresent(n -> assertThat(bytes).as("stdin of %s", line).isNotNull().hasSize(n));
            if (step.stdin().isEmpty() && step.stdinSize().isEmpty() && sent != null) {
                fail("the command got stdin the fixture does not expect (add stdin:):\n" + line + "\nstdin: " + sent);
            }
            return step.answer();
        }

        void probingDone() {
            probing = false;
            assertThat(probes).as("probes the module did not ask (it ran %s)", ran).isEmpty();
        }

        void allDone(boolean checkMode) {
            if (checkMode) {
                assertThat(applies).as("a check-mode fixture expects no applies").isEmpty();
            }
            assertThat(probes).as("probes the module did not ask (it ran %s)", ran).isEmpty();
            assertThat(applies).as("applies the module did not send (it ran %s)", ran).isEmpty();
        }

        private static byte[] readAllBytes(InputStream in) {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---------------------------------------------------------------- the run around the module

    /** Files and templates by name; rendering a template returns the fixture's text; vars by expression. */
    private static final class FakeContext implements ModuleContext {
        private final Map<String, Object> files = new LinkedHashMap<>();
        private final Map<String, Object> templates = new LinkedHashMap<>();
        private final Map<String, Object> tars = new LinkedHashMap<>();
        private final Map<String, Object> vars = new LinkedHashMap<>();
        private final Path dir;
        final Path controller;

        @SuppressWarnings("unchecked")
        FakeContext(YMap context, Path fixture) {
            this.dir = scratch.resolve(fixture.getParent().getFileName() + "-" + fixture.getFileName());
            this.controller = dir.resolve("controller");
            if (context != null) {
                Map<String, Object> all = (Map<String, Object>) context.toValue();
                for (String key : all.keySet()) {
                    Map<String, Object> target = switch (key) {
                        case "files" -> files;
                        case "templates" -> templates;
                        case "vars" -> vars;
                        case "tars" -> tars;
                        case "controller" -> null;
                        default -> throw new AssertionError("unknown context key " + key);
                    };
                    if (target == null) {
                        ((Map<String, Object>) all.get(key)).forEach(this::onController);
                    } else {
                        target.putAll((Map<String, Object>) all.get(key));
                    }
                }
            }
        }

        private void onController(String path, Object content) {
            try {
                Path p = controller.resolve(path);
                Files.createDirectories(p.getParent());
                Files.writeString(p, String.valueOf(content));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The controller is a folder of the fixture's own, so fetch writes nowhere else. */
        @Override
        public Path controllerPath(String path) {
            return Path.of(path).isAbsolute() ? Path.of(path) : controller.resolve(path);
        }

        @Override
        public boolean test(String condition) throws ModuleFailure {
            Object v = vars.get(condition);
            if (!(v instanceof Boolean b)) {
                throw new ModuleFailure("fixture has no boolean var for condition '" + condition + "'");
            }
            return b;
        }

        @Override
        public Path findTemplate(String name) throws ModuleFailure {
            if (!templates.containsKey(name)) {
                throw new ModuleFailure("'" + name + "' not found");
            }
            return Path.of("templates", name);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Path findFile(String name) throws ModuleFailure {
            if (tars.containsKey(name)) {
                try {
                    Files.createDirectories(dir);
                    Path p = dir.resolve(name.replace('/', '_'));
                    Files.write(p, tar((Map<String, Object>) tars.get(name)));
                    return p;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (!files.containsKey(name)) {
                throw new ModuleFailure("'" + name + "' not found");
            }
            try {
                Files.createDirectories(dir);
                Path p = dir.resolve(name.replace('/', '_'));
                Files.writeString(p, String.valueOf(files.get(name)));
                return p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A ustar archive of text entries: 512-byte headers, data padded to 512, two zero blocks. */
        private static byte[] tar(Map<String, Object> entries) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            entries.forEach((name, content) -> {
                byte[] data = String.valueOf(content).getBytes(StandardCharsets.UTF_8);
                byte[] h = new byte[512];
                put(h, 0, name);
                put(h, 100, "0000644");
                put(h, 108, "0000000");
                put(h, 116, "0000000");
                put(h, 124, String.format("%011o", data.length));
                put(h, 136, "00000000000");
                h[156] = '0';
                put(h, 257, "ustar");
                put(h, 263, "00");
                java.util.Arrays.fill(h, 148, 156, (byte) ' ');
                int sum = 0;
                for (byte b : h) {
                    sum += b & 0xff;
                }
                put(h, 148, String.format("%06o", sum));
                out.writeBytes(h);
                out.writeBytes(data);
                out.writeBytes(new byte[(512 - data.length % 512) % 512]);
            });
            out.writeBytes(new byte[1024]);
            return out.toByteArray();
        }

        private static void put(byte[] h, int at, String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, h, at, b.length);
        }

        @Override
        public String renderTemplate(Path file) {
            return String.valueOf(templates.get(Path.of("templates").relativize(file).toString()));
        }

        @Override
        public Object evaluate(String expression) throws ModuleFailure {
            if (!vars.containsKey(expression)) {
                throw new ModuleFailure("'" + expression + "' is undefined");
            }
            return vars.get(expression);
        }
    }
}
