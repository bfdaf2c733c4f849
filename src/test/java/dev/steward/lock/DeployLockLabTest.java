package dev.steward.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.cli.Main;
import dev.steward.engine.RunSummary;
import dev.steward.lab.LabCluster;
import dev.steward.testing.CliRun;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy lock on a real host: a real steward process (its own JVM, as bin/steward starts it) plays
 * a long step; a second run at the same time refuses, naming it; then Ctrl-C (SIGINT to that process)
 * lets the step in flight finish, releases the lock and says how to resume, with exit code 99.
 */
@Tag("lab")
class DeployLockLabTest {

    private static LabCluster lab;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        lab = LabCluster.start(1);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static String on(String command) {
        return lab.host("lab1").exec("sh", "-c", command).getStdout().trim();
    }

    @Test
    void aSecondRunRefusesNamingTheFirstAndCtrlCReleasesTheLock() throws Exception {
        Path book = Files.writeString(work.resolve("long.yml"), """
                - hosts: all
                  become: true
                  gather_facts: false
                  tasks:
                    - name: long step
                      shell: touch /tmp/started; while [ ! -e /tmp/go ]; do sleep 0.1; done; touch /tmp/long-done
                    - name: next step
                      shell: touch /tmp/next-done
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = work.resolve("first.out");
        Process first = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "play", book.toString(), "-i", lab.inventory().toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(new File("/dev/null")).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!on("test -e /tmp/started && echo yes").equals("yes")) {
                assertThat(first.isAlive()).as(Files.readString(out)).isTrue();
                assertThat(System.nanoTime() - deadline).as("the first run starts its long step").isNegative();
                Thread.sleep(100);
            }
            assertThat(on("cat /var/lib/steward/deploy.lock")).contains("command=play " + book)
                    .contains("holder=" + System.getProperty("user.name") + "@");

            Path other = Files.writeString(work.resolve("other.yml"),
                    "- hosts: all\n  gather_facts: false\n  tasks:\n    - shell: touch /tmp/other-ran\n");
            CliRun second = CliRun.of("play", other.toString(), "-i", lab.inventory().toString());
            assertThat(second.exitCode()).isEqualTo(RunSummary.ERROR);
            assertThat(second.err()).contains("lab1 is locked by " + System.getProperty("user.name") + "@")
                    .contains("running 'play " + book + "' since ").contains("ago, run ")
                    .contains("Nothing was changed on any host");
            assertThat(on("test -e /tmp/other-ran && echo yes || echo no")).isEqualTo("no");

            new ProcessBuilder("kill", "-INT", String.valueOf(first.pid())).start().waitFor();
            // the step in flight goes on: the run waits for it
            assertThat(first.waitFor(2, TimeUnit.SECONDS)).as(Files.readString(out)).isFalse();
            assertThat(on("test -e /var/lib/steward/deploy.lock && echo held || echo free")).isEqualTo("held");
            on("touch /tmp/go");
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(first.exitValue()).as(printed).isEqualTo(RunSummary.INTERRUPTED);
            assertThat(printed).contains("finishing the step in flight")
                    .contains("the deploy locks were released")
                    .contains("--start-at-task 'next step'");
            assertThat(on("test -e /tmp/long-done && echo yes || echo no")).as("the step in flight finished")
                    .isEqualTo("yes");
            assertThat(on("test -e /tmp/next-done && echo yes || echo no")).isEqualTo("no");
            assertThat(on("test -e /var/lib/steward/deploy.lock && echo held || echo free")).isEqualTo("free");

            // resuming where it stopped runs only what is left
            CliRun resumed = CliRun.of("play", book.toString(), "-i", lab.inventory().toString(), "--start-at-task",
                    "next step");
            assertThat(resumed.exitCode()).isZero();
            assertThat(on("test -e /tmp/next-done && echo yes || echo no")).isEqualTo("yes");
        } finally {
            first.destroyForcibly();
        }
    }
}
