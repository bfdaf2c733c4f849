package dev.steward.remote;

import static dev.steward.transport.SshEndpoint.HostKeyChecking.ACCEPT_NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.transport.Connection;
import dev.steward.transport.SshKeygen;
import dev.steward.transport.TestEndpoints;
import dev.steward.transport.TestSshServer;
import dev.steward.transport.TransportException;
import dev.steward.transport.TransportException.Reason;
import dev.steward.transport.ssh.SshTransport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CommandRunner over a real SSH connection to an in-process server that runs /bin/sh. */
class CommandRunnerTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    static TestSshServer server;
    static Connection connection;
    static CommandRunner runner;

    @BeforeAll
    static void connect() throws Exception {
        Path clientKey = SshKeygen.ed25519(dir, "client");
        Path hostKey = SshKeygen.ed25519(dir, "host");
        Path fakeSudoDir = FakeSudo.install(dir.resolve("fake-bin"));
        server = TestSshServer.start(TestSshServer.Options.of(hostKey, Path.of(clientKey + ".pub")).withPathPrefix(fakeSudoDir));
        connection = new SshTransport().connect(TestEndpoints.withKey(server.port(), clientKey, dir.resolve("known_hosts"), ACCEPT_NEW));
        runner = new CommandRunner(connection);
    }

    @AfterAll
    static void disconnect() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void runsACommandAndCapturesItsOutput() throws Exception {
        CommandResult result = runner.run(CommandSpec.of("echo hi; echo oops >&2", TEN_SECONDS));
        assertThat(result).isEqualTo(new CommandResult(0, "hi\n", "oops\n", false));
    }

    @Test
    void reportsTheExitCode() throws Exception {
        assertThat(runner.run(CommandSpec.of("exit 7", TEN_SECONDS)).exitCode()).isEqualTo(7);
        assertThat(runner.run(CommandSpec.of("false", TEN_SECONDS)).succeeded()).isFalse();
    }

    @Test
    void decodesUtf8() throws Exception {
        assertThat(runner.run(CommandSpec.of("printf 'h\\303\\251 \\342\\202\\254'", TEN_SECONDS)).stdout()).isEqualTo("hé €");
    }

    @Test
    void pipesStdinThroughTheCommand() throws Exception {
        byte[] input = randomText(3 * 1024 * 1024);
        CommandResult result = runner.run(CommandSpec.of("cat", TEN_SECONDS).withStdin(new ByteArrayInputStream(input)));
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(new String(input, StandardCharsets.UTF_8));
    }

    @Test
    void keepsTheHeadOfHugeOutputAndFlagsItTruncated() throws Exception {
        CommandResult result = runner.run(CommandSpec.of("head -c 52428800 /dev/zero | tr '\\0' a", Duration.ofSeconds(60)));
        assertThat(result.exitCode()).isZero();
        assertThat(result.truncated()).isTrue();
        assertThat(result.stdout()).hasSize(CommandRunner.OUTPUT_LIMIT).matches("a+");
    }

    @Test
    void largeInterleavedStdoutAndStderrDoNotDeadlock() throws Exception {
        String script = "i=0; while [ $i -lt 300 ]; do head -c 10000 /dev/zero | tr '\\0' o; head -c 10000 /dev/zero | tr '\\0' e >&2;"
                + " i=$((i + 1)); done";
        CommandResult result = runner.run(CommandSpec.of(script, Duration.ofSeconds(60)));
        assertThat(result.exitCode()).isZero();
        assertThat(result.truncated()).isFalse();
        assertThat(result.stdout()).hasSize(3_000_000).matches("o+");
        assertThat(result.stderr()).hasSize(3_000_000).matches("e+");
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsStoppedAndNamed() throws Exception {
        long started = System.nanoTime();
        assertThatThrownBy(() -> runner.run(CommandSpec.of("sleep 30", Duration.ofSeconds(1))))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageContaining("`sleep 30`")
                .hasMessageContaining("1 s")
                .hasMessageContaining(connection.describe());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TEN_SECONDS);
        assertThat(runner.run(CommandSpec.of("echo still usable", TEN_SECONDS)).stdout()).isEqualTo("still usable\n");
    }

    @Test
    void becomeSendsThePasswordToSudoAndOnlyTheInputToTheCommand() throws Exception {
        String input = "line one\nline two\n";
        CommandResult result = runner.run(CommandSpec.of("cat; echo \"as $FAKE_SUDO_TARGET\"", TEN_SECONDS)
                .withStdin(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
                .withBecome(new Become("root", Optional.of(FakeSudo.PASSWORD))));
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(input + "as root\n"); // no marker, no password
        assertThat(result.stderr()).isEmpty(); // no prompt
    }

    @Test
    void becomeWhenSudoAsksNoPasswordStillFeedsStdinToTheCommand() throws Exception {
        CommandResult result = runner.run(CommandSpec.of("cat; echo \"as $FAKE_SUDO_TARGET\"", TEN_SECONDS)
                .withStdin(new ByteArrayInputStream("data\n".getBytes(StandardCharsets.UTF_8)))
                .withBecome(new Become("nopasswd", Optional.empty())));
        assertThat(result).isEqualTo(new CommandResult(0, "data\nas nopasswd\n", "", false));
    }

    @Test
    void becomeKeepsQuotesInTheCommandIntact() throws Exception {
        CommandResult result = runner.run(CommandSpec.of("printf '%s|%s\\n' \"it's\" '$HOME \"x\"'", TEN_SECONDS)
                .withBecome(new Become("postgres", Optional.of(FakeSudo.PASSWORD))));
        assertThat(result.stdout()).isEqualTo("it's|$HOME \"x\"\n");
    }

    @Test
    void becomeWithTheWrongPasswordFailsWithoutShowingIt() {
        String wrong = "not-the-password-987";
        Become become = new Become("root", Optional.of(wrong));
        assertThatThrownBy(() -> runner.run(CommandSpec.of("echo should not run", TEN_SECONDS).withBecome(become)))
                .isInstanceOf(BecomeException.class)
                .hasMessageContaining("refused the become password")
                .hasMessageContaining(connection.describe())
                .hasMessageNotContaining(wrong);
        assertThat(become.toString()).doesNotContain(wrong);
        assertThat(CommandSpec.of("x", TEN_SECONDS).withBecome(become).toString()).doesNotContain(wrong);
    }

    @Test
    void becomeWithoutAPasswordWhenSudoAsksForOneSaysWhatToSet() {
        assertThatThrownBy(() -> runner.run(CommandSpec.of("echo hi", TEN_SECONDS).withBecome(Become.root())))
                .isInstanceOf(BecomeException.class)
                .hasMessageContaining("asked for a password")
                .hasMessageContaining("ssh.become_password");
    }

    @Test
    void becomeAsAUserSudoRefusesSaysSo() {
        assertThatThrownBy(() -> runner.run(CommandSpec.of("echo hi", TEN_SECONDS)
                        .withBecome(new Become("forbidden", Optional.of(FakeSudo.PASSWORD)))))
                .isInstanceOf(BecomeException.class)
                .hasMessageContaining("not in the sudoers file");
    }

    @Test
    void twoHundredSequentialCommandsOnOneConnection() throws Exception {
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            assertThat(runner.run(CommandSpec.of("true", TEN_SECONDS)).exitCode()).isZero();
        }
        double perCommand = (System.nanoTime() - started) / 1e6 / 200;
        System.out.printf("200 sequential commands on one connection: %.2f ms/command%n", perCommand);
    }

    private static byte[] randomText(int size) {
        Random random = new Random(42);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 80 == 79 ? '\n' : 'a' + random.nextInt(26));
        }
        return bytes;
    }
}
