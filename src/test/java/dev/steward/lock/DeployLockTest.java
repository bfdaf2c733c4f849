package dev.steward.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.engine.Engine;
import dev.steward.engine.PlayRequest;
import dev.steward.engine.RunSummary;
import dev.steward.exec.Interruption;
import dev.steward.remote.FakeSudo;
import dev.steward.report.ConsoleReporter;
import dev.steward.testing.CliRun;
import dev.steward.transport.SshKeygen;
import dev.steward.transport.TestSshServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy lock through the real engine and command line, over SSH to an in-process server that
 * runs real commands (sudo is a stand-in asking for the become password). The lock file lives in a
 * temporary folder through the host's {@code deploy_lock_path}.
 */
class DeployLockTest {

    @TempDir
    static Path keys;

    @TempDir
    Path dir;

    static TestSshServer server;
    static Path clientKey;

    @BeforeAll
    static void start() throws Exception {
        clientKey = SshKeygen.ed25519(keys, "client");
        Path hostKey = SshKeygen.ed25519(keys, "host");
        server = TestSshServer.start(TestSshServer.Options.of(hostKey, Path.of(clientKey + ".pub"))
                .withPathPrefix(FakeSudo.install(keys.resolve("fake-bin"))));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    private Path lockFile() {
        return dir.resolve("state/deploy.lock");
    }

    /** The stand-in sudo's password, inside a YAML double-quoted string. */
    private static String quotedPassword() {
        return FakeSudo.PASSWORD.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private Path inventory() throws IOException {
        String password = quotedPassword();
        return Files.writeString(dir.resolve("inventory.yml"), """
                all:
                  hosts:
                    web1:
                      ssh: {host: 127.0.0.1, port: %d, user: steward, private_key: %s, host_key_checking: off,
                            become_password: "%s"}
                      vars: {deploy_lock_path: %s}
                """.formatted(server.port(), clientKey, password, lockFile()));
    }

    private Path playbook(String name, String tasks) throws IOException {
        return Files.writeString(dir.resolve(name), "- hosts: all\n  gather_facts: false\n  tasks:\n" + tasks);
    }

    private static void awaitFile(Path p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(p)) {
            assertThat(System.nanoTime() - deadline).as("waiting for " + p).isNegative();
            Thread.sleep(20);
        }
    }

    /** A play through the engine (as the CLI makes it) on another thread, printing into {@code out}. */
    private CompletableFuture<RunSummary> playInBackground(Path playbook, Interruption interruption,
            ByteArrayOutputStream out) throws IOException {
        Path inventory = inventory();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new Engine(Optional::empty).withInterruption(interruption).play(new PlayRequest(playbook,
                        inventory, Optional.empty(), 5, List.of(), new ConsoleReporter(print, 0)));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aSecondRunAgainstALockedHostRefusesNamingTheFirstAndChangesNothing() throws Exception {
        Path started = dir.resolve("started");
        Path release = dir.resolve("release");
        Path first = playbook("first.yml", """
                    - shell: touch %s; while [ ! -e %s ]; do sleep 0.05; done
                """.formatted(started, release));
        ByteArrayOutputStream firstOut = new ByteArrayOutputStream();
        CompletableFuture<RunSummary> running = playInBackground(first, Interruption.NEVER, firstOut);
        awaitFile(started);
        assertThat(Files.readString(lockFile())).contains("command=play " + first).contains("holder="
                + System.getProperty("user.name") + "@").containsPattern("since=\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z")
                .containsPattern("run=\\w+").contains("pid=" + ProcessHandle.current().pid())
                .contains("machine=" + LockHolder.thisMachine());

        Path second = playbook("second.yml", "    - copy: {dest: %s, content: changed}\n".formatted(dir.resolve("x")));
        CliRun refused = CliRun.of("play", second.toString(), "-i", inventory().toString());
        assertThat(refused.exitCode()).isEqualTo(RunSummary.ERROR);
        assertThat(refused.err()).contains("web1 is locked by " + System.getProperty("user.name") + "@")
                .contains("running 'play " + first + "' since ").containsPattern("\\(\\d+s ago, run \\w+\\)")
                .contains("Nothing was changed on any host").contains("--break-lock");
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(lockFile()).exists(); // the refused run left the first run's lock alone

        Files.writeString(release, "");
        assertThat(running.get().exitCode()).isZero();
        assertThat(lockFile()).doesNotExist();
        assertThat(CliRun.of("play", second.toString(), "-i", inventory().toString()).exitCode()).isZero();
        assertThat(dir.resolve("x")).hasContent("changed");
    }

    @Test
    void breakLockRemovesALockLeftByACrashedRunAndSaysWhose() throws Exception {
        Files.createDirectories(lockFile().getParent());
        Files.writeString(lockFile(), "holder=ghost@old-laptop\ncommand=play site.yml\nsince=2026-01-01T00:00:00Z\n"
                + "run=deadbeef\n");
        Path book = playbook("site.yml", "    - copy: {dest: %s, content: done}\n".formatted(dir.resolve("x")));

        CliRun refused = CliRun.of("play", book.toString(), "-i", inventory().toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("web1 is locked by ghost@old-laptop running 'play site.yml' since "
                + "2026-01-01T00:00:00Z (").contains("run deadbeef");
        assertThat(dir.resolve("x")).doesNotExist();

        CliRun broken = CliRun.of("play", book.toString(), "-i", inventory().toString(), "--break-lock");
        assertThat(broken.exitCode()).isZero();
        assertThat(broken.out()).contains("--break-lock: removed the deploy lock on web1 held by ghost@old-laptop "
                + "running 'play site.yml' since 2026-01-01T00:00:00Z");
        assertThat(dir.resolve("x")).hasContent("done");
        assertThat(lockFile()).doesNotExist();
    }

    /** The pid of a process that has ended (run and waited for). */
    private static long aGonePid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private void lockLeftBy(long pid, String machine) throws IOException {
        Files.createDirectories(lockFile().getParent());
        Files.writeString(lockFile(), "holder=ops@controller\ncommand=upgrade --to 2.11.0\nsince="
                + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\nrun=c0ffee00\npid="
                + pid + "\nmachine=" + machine + "\n");
    }

    @Test
    void aLockLeftByAKilledRunOnThisMachineIsTakenOverSayingSo() throws Exception {
        long gone = aGonePid();
        lockLeftBy(gone, LockHolder.thisMachine());
        Path book = playbook("site.yml", "    - shell: cat %s > %s\n".formatted(lockFile(), dir.resolve("seen")));
        CliRun run = CliRun.of("play", book.toString(), "-i", inventory().toString());
        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.printed()).contains("the deploy lock on web1 was left by run c0ffee00 ('upgrade --to 2.11.0', pid "
                + gone + ", this machine), which is no longer running: taken over");
        assertThat(dir.resolve("seen")).content().contains("pid=" + ProcessHandle.current().pid())
                .doesNotContain("c0ffee00");
        assertThat(lockFile()).doesNotExist();
    }

    @Test
    void aLockOfALiveRunOrOfAnotherMachineStillRefuses() throws Exception {
        Path book = playbook("site.yml", "    - copy: {dest: %s, content: done}\n".formatted(dir.resolve("x")));

        lockLeftBy(ProcessHandle.current().pid(), LockHolder.thisMachine()); // alive: this very process
        CliRun alive = CliRun.of("play", book.toString(), "-i", inventory().toString());
        assertThat(alive.exitCode()).isEqualTo(1);
        assertThat(alive.err()).contains("web1 is locked by ops@controller running 'upgrade --to 2.11.0'")
                .contains("run c0ffee00").contains("(pid " + ProcessHandle.current().pid()
                        + ", this machine) is still running").contains("--break-lock");

        lockLeftBy(aGonePid(), "id:0123456789abcdef"); // gone here, but that pid belongs to another machine
        CliRun elsewhere = CliRun.of("play", book.toString(), "-i", inventory().toString());
        assertThat(elsewhere.exitCode()).isEqualTo(1);
        assertThat(elsewhere.err()).contains("web1 is locked by ops@controller").contains("run c0ffee00")
                .doesNotContain("this machine").contains("--break-lock");

        lockLeftBy(aGonePid(), "unknown"); // written by an older Steward or by hand: nothing proves it gone
        assertThat(CliRun.of("play", book.toString(), "-i", inventory().toString()).exitCode()).isEqualTo(1);
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(lockFile()).content().contains("run=c0ffee00");
    }

    @Test
    void theLockIsHeldDuringTheRunAndReleasedAfterAFailure() throws Exception {
        Path seen = dir.resolve("seen");
        Path book = playbook("fails.yml", """
                    - shell: cat %s > %s
                    - command: 'false'
                """.formatted(lockFile(), seen));
        CliRun run = CliRun.of("play", book.toString(), "-i", inventory().toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(Files.readString(seen)).contains("command=play " + book);
        assertThat(lockFile()).doesNotExist();
    }

    @Test
    void aHostWhoseLockCannotBeWrittenFailsAloneAndIsNotTouched() throws Exception {
        String good = quotedPassword();
        Path inventory = Files.writeString(dir.resolve("two.yml"), """
                all:
                  ssh: {host: 127.0.0.1, port: %d, user: steward, private_key: %s, host_key_checking: off}
                  hosts:
                    web1:
                      ssh: {become_password: "%s"}
                      vars: {deploy_lock_path: %s/one/deploy.lock, out: %s/one.txt}
                    web2:
                      ssh: {become_password: "not-the-password"}
                      vars: {deploy_lock_path: %s/two/deploy.lock, out: %s/two.txt}
                """.formatted(server.port(), clientKey, good, dir, dir, dir, dir));
        Path book = playbook("site.yml", "    - copy: {dest: '${out}', content: done}\n");
        CliRun run = CliRun.of("play", book.toString(), "-i", inventory.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("fatal: [web2]: FAILED! => cannot take the deploy lock " + dir
                + "/two/deploy.lock with sudo").doesNotContain("not-the-password");
        assertThat(run.recapOf("web1")).contains("changed=1").contains("failed=0");
        assertThat(run.recapOf("web2")).contains("failed=1");
        assertThat(dir.resolve("one.txt")).hasContent("done");
        assertThat(dir.resolve("two.txt")).doesNotExist();
        assertThat(dir.resolve("one/deploy.lock")).doesNotExist();
        assertThat(dir.resolve("two/deploy.lock")).doesNotExist();
    }

    @Test
    void aLoginToProveOnANewConnectionDoesNotBorrowTheLocksConnection() throws Exception {
        Path stranger = SshKeygen.ed25519(dir, "stranger"); // not authorized on the server
        Path book = playbook("prove.yml", "    - ssh_login: {user: steward, private_key: %s}\n".formatted(stranger));
        CliRun run = CliRun.of("play", book.toString(), "-i", inventory().toString());
        assertThat(run.exitCode()).as(run.printed()).isEqualTo(2);
        assertThat(run.out()).contains("fatal: [web1]: FAILED!").contains("no SSH login as steward@");
        assertThat(lockFile()).doesNotExist();
    }

    @Test
    void aCheckRunTakesNoLockButWarnsAboutOne() throws Exception {
        Files.createDirectories(lockFile().getParent());
        String held = "holder=alice@ci\ncommand=upgrade\nsince=2026-01-01T00:00:00Z\nrun=0badc0de\n";
        Files.writeString(lockFile(), held);
        Path book = playbook("site.yml", "    - copy: {dest: %s, content: done}\n".formatted(dir.resolve("x")));
        CliRun check = CliRun.of("play", book.toString(), "-i", inventory().toString(), "--check");
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("web1 is locked by alice@ci running 'upgrade' since 2026-01-01T00:00:00Z")
                .contains("changed=1");
        assertThat(lockFile()).hasContent(held);
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void anInterruptionFinishesTheStepInFlightReleasesTheLockAndSaysHowToResume() throws Exception {
        Path started = dir.resolve("started");
        Path go = dir.resolve("go");
        Path done = dir.resolve("done");
        Path book = playbook("long.yml", """
                    - name: long step
                      shell: touch %s; while [ ! -e %s ]; do sleep 0.05; done; touch %s
                    - name: next step
                      shell: touch %s
                """.formatted(started, go, done, dir.resolve("next")));
        Interruption ctrlC = new Interruption();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<RunSummary> running = playInBackground(book, ctrlC, out);
        awaitFile(started);
        assertThat(ctrlC.request()).isTrue();
        Thread.sleep(300);
        assertThat(running).as("the step in flight goes on").isNotDone();
        Files.writeString(go, "");
        RunSummary summary = running.get();

        assertThat(summary.exitCode()).isEqualTo(RunSummary.INTERRUPTED);
        assertThat(done).exists(); // the step in flight finished
        assertThat(dir.resolve("next")).doesNotExist();
        assertThat(lockFile()).doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("deploy locks were released")
                .contains("run the same command again with --start-at-task 'next step'");
        assertThat(ctrlC.request()).as("no run watches any more: the caller quits at once").isFalse();
    }
}
