package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.testing.CliRun;
import dev.steward.testing.ContactCounter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus of {@code src/test/resources/check-corpus/}: one folder per case, holding
 * {@code playbook.yml}, its own {@code inventory.yml} or the corpus's {@code _inventory.yml},
 * optional {@code args} (more command-line arguments, one per line) and, for a broken case,
 * {@code expected.txt}: every problem {@code steward check} must print, exactly, in order, as
 * {@code file:line:column: message (hint)} with paths relative to the case folder. A case without
 * {@code expected.txt} must pass with exit 0 (no false positives).
 *
 * <p>Every inventory points at 127.0.0.1 on the port ({@code @PORT@}) of a listening socket that
 * counts connections: neither {@code check} nor {@code play} of a broken case may make one.
 */
class CheckCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/check-corpus");

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
        try (Stream<Path> s = Files.list(CORPUS)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases.stream().filter(c -> Files.exists(c.resolve("expected.txt")))).hasSizeGreaterThanOrEqualTo(40);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> runCase(c)));
    }

    private static void runCase(Path source) throws IOException {
        Path dir = work.resolve(source.getFileName().toString());
        copy(source, dir);
        if (!Files.exists(dir.resolve("inventory.yml")) && !Files.exists(dir.resolve("inventory.ini"))) {
            Files.writeString(dir.resolve("inventory.yml"), withPort(Files.readString(CORPUS.resolve("_inventory.yml"))));
        }
        Path inventory = Files.exists(dir.resolve("inventory.ini")) ? dir.resolve("inventory.ini")
                : dir.resolve("inventory.yml");
        List<String> more = Files.exists(dir.resolve("args"))
                ? Files.readAllLines(dir.resolve("args")).stream().filter(l -> !l.isBlank()).toList() : List.of();
        Path expectedFile = dir.resolve("expected.txt");
        int before = listener.contacts();

        CliRun check = CliRun.of(command("check", dir, inventory, more).toArray(String[]::new));
        List<String> problems = problems(check.err(), dir);
        if (!Files.exists(expectedFile)) {
            assertThat(problems).as("a valid case has no problems").isEmpty();
            assertThat(check.exitCode()).as(check.err()).isZero();
        } else {
            List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();
            assertThat(problems).as("problems of " + source.getFileName()).containsExactlyElementsOf(expected);
            assertThat(check.exitCode()).isEqualTo(4);
            assertThat(check.err()).contains("nothing was changed on any host");
            CliRun play = CliRun.of(command("play", dir, inventory, more).toArray(String[]::new));
            assertThat(play.exitCode()).as("play refuses a broken playbook").isEqualTo(4);
            assertThat(problems(play.err(), dir)).containsExactlyElementsOf(expected);
        }
        assertThat(listener.contacts() - before).as("connections made").isZero();
    }

    private static List<String> command(String verb, Path dir, Path inventory, List<String> more) {
        List<String> args = new ArrayList<>(List.of(verb, dir.resolve("playbook.yml").toString(), "-i",
                inventory.toString()));
        more.forEach(a -> args.add(a.replace("@DIR@", dir.toString())));
        return args;
    }

    /** The {@code ERROR:} lines, with paths relative to the case folder. */
    private static List<String> problems(String err, Path dir) {
        return err.lines().filter(l -> l.startsWith("ERROR: "))
                .map(l -> l.substring(7).replace(dir + "/", "").replace(dir.getParent() + "/", "../")).toList();
    }

    private static String withPort(String text) {
        return text.replace("@PORT@", Integer.toString(listener.port()));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            all.forEach(p -> {
                Path target = to.resolve(from.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.writeString(target, withPort(Files.readString(p)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
