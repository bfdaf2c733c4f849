package dev.steward.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.testing.CliRun;
import dev.steward.testing.ContactCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each static preflight rule, one inventory per case under {@code src/test/resources/preflight/static/}:
 * {@code inventory.yml} and {@code expected.txt}, every {@code ERROR:} and {@code WARNING:} line
 * {@code steward check} must print, exactly and in order, with paths relative to the case folder
 * (a case without {@code expected.txt} prints none). A case with an {@code ERROR:} line exits 4, for
 * {@code check} and {@code play} alike, without a connection to the host's port; one with warnings
 * only exits 0.
 */
class StackPreflightTest {

    private static final Path CASES = Path.of("src/test/resources/preflight/static");

    private static ContactCounter listener;

    @TempDir
    static Path work;

    @BeforeAll
    static void listen() {
        listener = new ContactCounter();
    }

    @AfterAll
    static void close() throws IOException {
        listener.close();
    }

    @TestFactory
    Stream<DynamicTest> everyCase() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(CASES)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> runCase(c)));
    }

    private static void runCase(Path source) throws IOException {
        Path dir = work.resolve(source.getFileName().toString());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("inventory.yml"), Files.readString(source.resolve("inventory.yml"))
                .replace("@PORT@", Integer.toString(listener.port())));
        Files.copy(CASES.resolve("_playbook.yml"), dir.resolve("playbook.yml"));
        Path expectedFile = source.resolve("expected.txt");
        List<String> expected = Files.exists(expectedFile)
                ? Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList() : List.of();
        boolean broken = expected.stream().anyMatch(l -> l.startsWith("ERROR: "));
        int before = listener.contacts();

        CliRun check = CliRun.of("check", dir.resolve("playbook.yml").toString(), "-i", dir.resolve("inventory.yml").toString());
        List<String> printed = lines(check.err(), dir);
        if (System.getenv("PREFLIGHT_PRINT") != null) {
            System.out.println("== " + source.getFileName() + " exit " + check.exitCode() + "\n" + String.join("\n", printed));
        }
        assertThat(printed).as("problems of " + source.getFileName()).containsExactlyElementsOf(expected);
        assertThat(check.exitCode()).as(check.err()).isEqualTo(broken ? 4 : 0);
        if (broken) {
            assertThat(check.err()).contains("nothing was changed on any host");
            CliRun play = CliRun.of("play", dir.resolve("playbook.yml").toString(), "-i", dir.resolve("inventory.yml").toString());
            assertThat(play.exitCode()).as("play refuses it too").isEqualTo(4);
            assertThat(lines(play.err(), dir)).containsExactlyElementsOf(expected);
        }
        assertThat(listener.contacts() - before).as("connections made").isZero();
    }

    /** The {@code ERROR:} and {@code WARNING:} lines, with paths relative to the case folder. */
    private static List<String> lines(String err, Path dir) {
        return err.lines().filter(l -> l.startsWith("ERROR: ") || l.startsWith("WARNING: "))
                .map(l -> l.replace(dir + "/", "")).toList();
    }

}
