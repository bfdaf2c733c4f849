package dev.steward.exec;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.steward.report.Recap;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Semantics as data: each file of {@code src/test/resources/semantics} is a playbook run by the
 * real engine against scripted hosts (no network), with the exit code, recap, events and commands
 * it must produce. See {@link Scenario} and {@link Expectations} for the format.
 */
class SemanticsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException, URISyntaxException {
        Path folder = Path.of(SemanticsTest.class.getResource("/semantics").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), f.toUri(),
                () -> assertTimeoutPreemptively(PATIENCE, () -> check(f))));
    }

    private void check(Path file) throws Exception {
        Scenario scenario = YAML.readValue(file.toFile(), Scenario.class);
        Path dir = Files.createDirectories(work.resolve(file.getFileName().toString().replace(".yml", "")));
        ScenarioRun run = ScenarioRun.of(scenario, dir);
        List<String> problems = new ArrayList<>();
        Expectations expect = scenario.expect();
        if (run.summary().exitCode() != expect.exitCode()) {
            problems.add("exit code " + run.summary().exitCode() + ", expected " + expect.exitCode());
        }
        if (expect.recap() != null) {
            checkRecap(expect.recap(), run.summary().recap(), problems);
        }
        EventOrder.findInOrder(expect.events(), run.results()).ifPresent(problems::add);
        if (expect.eventsExact() != null) {
            EventOrder.matchExactly(expect.eventsExact(), run.results()).ifPresent(problems::add);
        }
        for (EventPattern unwanted : expect.noEvents()) {
            run.results().stream().filter(unwanted::matches).findFirst()
                    .ifPresent(r -> problems.add("no_events " + unwanted + " occurred: " + r.host() + " " + r.task()));
        }
        expect.commands().forEach((host, wanted) -> checkCommands(host, wanted, run.hosts().commandsOf(host), problems));
        checkItems(expect.items(), run, problems);
        if (expect.handlersNotRun() != null && !expect.handlersNotRun().equals(run.summary().recap().handlersNotRun())) {
            problems.add("handlers not run " + run.summary().recap().handlersNotRun() + ", expected "
                    + expect.handlersNotRun());
        }
        for (String w : expect.warnings()) {
            if (run.warnings().stream().noneMatch(x -> x.contains(w))) {
                problems.add("no warning contains '" + w + "'");
            }
        }
        if (expect.retryHosts() != null) {
            String wanted = expect.retryHosts().isEmpty() ? "(no file)" : String.join("\n", expect.retryHosts()) + "\n";
            String got = run.retryFile().orElse("(no file)");
            if (!wanted.equals(got)) {
                problems.add("retry file " + got.replace("\n", "\\n") + ", expected " + wanted.replace("\n", "\\n"));
            }
        }
        if (!problems.isEmpty()) {
            fail(file.getFileName() + ":\n  - " + String.join("\n  - ", problems) + "\n\n" + run.describe());
        }
    }

    private static void checkItems(List<ItemPattern> wanted, ScenarioRun run, List<String> problems) {
        int from = 0;
        for (ItemPattern p : wanted) {
            int found = -1;
            for (int i = from; i < run.items().size() && found < 0; i++) {
                if (p.matches(run.items().get(i))) {
                    found = i;
                }
            }
            if (found < 0) {
                problems.add("no loop item " + p + " at or after item #" + (from + 1));
                return;
            }
            from = found + 1;
        }
    }

    private static void checkRecap(Map<String, Expectations.RecapCounts> expected, Recap recap, List<String> problems) {
        Map<String, Recap.Counts> actual = recap.ordered();
        if (!actual.keySet().equals(expected.keySet())) {
            problems.add("recap hosts " + new TreeMap<>(actual).keySet() + ", expected " + new TreeMap<>(expected).keySet());
        }
        expected.forEach((host, e) -> {
            Recap.Counts c = actual.get(host);
            Expectations.RecapCounts got = c == null ? null
                    : new Expectations.RecapCounts(c.ok(), c.changed(), c.unreachable(), c.failed(), c.skipped(),
                            c.rescued(), c.ignored());
            if (!e.equals(got)) {
                problems.add("recap of " + host + ": " + got + ", expected " + e);
            }
        });
    }

    private static void checkCommands(String host, Expectations.CommandExpectations wanted,
            List<ReceivedCommand> received, List<String> problems) {
        for (CommandPattern p : wanted.must()) {
            if (received.stream().noneMatch(p::fits)) {
                problems.add(host + " received no command " + p);
            }
        }
        for (CommandPattern p : wanted.mustNot()) {
            received.stream().filter(p::fits).findFirst()
                    .ifPresent(c -> problems.add(host + " received a command it must not: " + p + " fits " + c));
        }
        if (wanted.count() != null && wanted.count() != received.size()) {
            problems.add(host + " received " + received.size() + " commands, expected " + wanted.count());
        }
    }
}
