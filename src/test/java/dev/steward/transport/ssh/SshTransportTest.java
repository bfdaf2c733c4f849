package dev.steward.transport.ssh;

import static dev.steward.transport.SshEndpoint.HostKeyChecking.ACCEPT_NEW;
import static dev.steward.transport.SshEndpoint.HostKeyChecking.OFF;
import static dev.steward.transport.SshEndpoint.HostKeyChecking.STRICT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.transport.Connection;
import dev.steward.transport.RemoteProcess;
import dev.steward.transport.SshEndpoint;
import dev.steward.transport.SshKeygen;
import dev.steward.transport.TestEndpoints;
import dev.steward.transport.TestSshServer;
import dev.steward.transport.TransportException;
import dev.steward.transport.TransportException.Reason;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SshTransportTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String PASSPHRASE = "key-secret-42";

    @TempDir
    static Path keys;

    @TempDir
    Path home;

    static Path clientKey;
    static Path authorizedKeys;
    static Path hostKey;
    static TestSshServer server;
    static final SshTransport transport = new SshTransport();

    @BeforeAll
    static void startServer() throws Exception {
        hostKey = SshKeygen.ed25519(keys, "host");
        clientKey = SshKeygen.ed25519(keys, "client");
        authorizedKeys = keys.resolve("authorized_keys");
        StringBuilder authorized = new StringBuilder(Files.readString(Path.of(clientKey + ".pub")));
        for (String[] k : new String[][] {{"ecdsa", "opensshNoPass"}, {"rsa", "pemPass"}}) {
            authorized.append(Files.readString(Path.of(formatKey(k[0], k[1]) + ".pub")));
        }
        authorized.append(Files.readString(Path.of(formatKey("ecdsa", "pemNoPass") + ".pub")));
        authorized.append(Files.readString(Path.of(formatKey("rsa", "opensshPass") + ".pub")));
        authorized.append(Files.readString(Path.of(formatKey("ed25519", "opensshPass") + ".pub")));
        Files.writeString(authorizedKeys, authorized);
        server = TestSshServer.start(TestSshServer.Options.of(hostKey, authorizedKeys).withPassword(PASSWORD));
    }

    /** Keys of each type and format, made once, named {@code type-format}. */
    private static Path formatKey(String type, String format) throws Exception {
        Path key = keys.resolve(type + "-" + format);
        if (!Files.exists(key)) {
            SshKeygen.generate(keys, key.getFileName().toString(), type, format.endsWith("NoPass") ? "" : PASSPHRASE,
                    format.startsWith("pem"));
        }
        return key;
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    private Path knownHostsWithServer() throws IOException {
        Path knownHosts = home.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        return knownHosts;
    }

    private static String run(Connection connection, String command) throws Exception {
        try (RemoteProcess process = connection.start(command)) {
            process.stdin().close();
            String out = new String(process.stdout().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(Duration.ofSeconds(10))).isZero();
            return out;
        }
    }

    @Test
    void logsInWithAnEd25519KeyAndRunsACommand() throws Exception {
        try (Connection connection = transport.connect(TestEndpoints.withKey(server.port(), clientKey, knownHostsWithServer(), STRICT))) {
            assertThat(connection.isOpen()).isTrue();
            assertThat(connection.describe()).isEqualTo("steward@127.0.0.1:" + server.port());
            try (RemoteProcess process = connection.start("echo hi; exit 3")) {
                assertThat(new String(process.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hi\n");
                assertThat(process.waitFor(Duration.ofSeconds(10))).isEqualTo(3);
            }
        }
    }

    @Test
    void everySocketHasTcpNoDelay() throws Exception {
        try (Connection connection = transport.connect(TestEndpoints.withKey(server.port(), clientKey, knownHostsWithServer(), STRICT))) {
            assertThat(((SshConnection) connection).client().getSocket().getTcpNoDelay()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} key in {1} format")
    @CsvSource({"ecdsa, opensshNoPass", "ecdsa, pemNoPass", "rsa, pemPass", "rsa, opensshPass", "ed25519, opensshPass"})
    void logsInWithEachKeyTypeAndFormat(String type, String format) throws Exception {
        SshEndpoint endpoint = TestEndpoints.withKey(server.port(), formatKey(type, format), knownHostsWithServer(), STRICT);
        if (format.endsWith("Pass") && !format.endsWith("NoPass")) {
            endpoint = TestEndpoints.withKeyPassphrase(endpoint, PASSPHRASE);
        }
        try (Connection connection = transport.connect(endpoint)) {
            assertThat(run(connection, "echo " + type)).isEqualTo(type + "\n");
        }
    }

    @Test
    void logsInWithAPassword() throws Exception {
        try (Connection connection = transport.connect(TestEndpoints.withPassword(server.port(), PASSWORD, knownHostsWithServer(), STRICT))) {
            assertThat(run(connection, "echo ok")).isEqualTo("ok\n");
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAnAuthenticationFailureNamingUserAndHost() throws Exception {
        Path stranger = SshKeygen.ed25519(home, "stranger");
        assertThatThrownBy(() -> transport.connect(TestEndpoints.withKey(server.port(), stranger, knownHostsWithServer(), STRICT)))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH_FAILED))
                .hasMessageContaining("steward@127.0.0.1:" + server.port())
                .hasMessageContaining("authorized_keys");
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatDoesNotShowThePassword() throws Exception {
        String wrong = "wrong-password-123";
        assertThatThrownBy(() -> transport.connect(TestEndpoints.withPassword(server.port(), wrong, knownHostsWithServer(), STRICT)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.AUTH_FAILED);
                    assertThat(e).hasMessageNotContaining(wrong);
                    assertThat(String.valueOf(e.getCause())).doesNotContain(wrong);
                })
                .hasMessageContaining("steward");
    }

    @Test
    void aWrongKeyPassphraseIsAnAuthenticationFailurePointingAtThePassphrase() throws Exception {
        SshEndpoint endpoint = TestEndpoints.withKeyPassphrase(
                TestEndpoints.withKey(server.port(), formatKey("ed25519", "opensshPass"), knownHostsWithServer(), STRICT),
                "not-the-passphrase");
        assertThatThrownBy(() -> transport.connect(endpoint))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH_FAILED))
                .hasMessageContaining("key_passphrase")
                .hasMessageNotContaining("not-the-passphrase");
    }

    @Test
    void strictCheckingRefusesAnUnknownHostAndSaysHowToAcceptIt() {
        Path knownHosts = home.resolve("known_hosts");
        assertThatThrownBy(() -> transport.connect(TestEndpoints.withKey(server.port(), clientKey, knownHosts, STRICT)))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN))
                .hasMessageContaining("[127.0.0.1]:" + server.port())
                .hasMessageContaining("host_key_checking: accept-new")
                .hasMessageContaining("ssh-keyscan -p " + server.port() + " 127.0.0.1");
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void acceptNewRecordsTheKeyPrivatelyAndStrictThenAcceptsIt() throws Exception {
        Path knownHosts = home.resolve("fresh/.ssh/known_hosts");
        try (Connection connection = transport.connect(TestEndpoints.withKey(server.port(), clientKey, knownHosts, ACCEPT_NEW))) {
            assertThat(run(connection, "echo first")).isEqualTo("first\n");
        }
        assertThat(Files.readAllLines(knownHosts)).containsExactly(server.knownHostsLine());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(knownHosts))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(knownHosts.getParent()))).isEqualTo("rwx------");

        try (Connection connection = transport.connect(TestEndpoints.withKey(server.port(), clientKey, knownHosts, STRICT))) {
            assertThat(run(connection, "echo second")).isEqualTo("second\n");
        }
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }

    @Test
    void aChangedHostKeyIsRefusedEvenUnderAcceptNewWithBothFingerprints() throws Exception {
        Path otherHostKey = SshKeygen.ed25519(home, "other-host");
        Path knownHosts = home.resolve("known_hosts");
        int port;
        String oldFingerprint;
        try (TestSshServer first = TestSshServer.start(TestSshServer.Options.of(hostKey, authorizedKeys))) {
            port = first.port();
            oldFingerprint = first.fingerprint();
            transport.connect(TestEndpoints.withKey(port, clientKey, knownHosts, ACCEPT_NEW)).close();
        }
        try (TestSshServer reinstalled = TestSshServer.start(TestSshServer.Options.of(otherHostKey, authorizedKeys).withPort(port))) {
            String newFingerprint = reinstalled.fingerprint();
            assertThat(newFingerprint).isNotEqualTo(oldFingerprint).startsWith("SHA256:");
            for (var checking : List.of(STRICT, ACCEPT_NEW)) {
                assertThatThrownBy(() -> transport.connect(TestEndpoints.withKey(port, clientKey, knownHosts, checking)))
                        .isInstanceOfSatisfying(TransportException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_CHANGED))
                        .hasMessageContaining("[127.0.0.1]:" + port)
                        .hasMessageContaining(oldFingerprint)
                        .hasMessageContaining(newFingerprint)
                        .hasMessageContaining("ssh-keygen -R");
            }
            assertThat(Files.readAllLines(knownHosts)).hasSize(1);
            try (Connection unchecked = transport.connect(TestEndpoints.withKey(port, clientKey, knownHosts, OFF))) {
                assertThat(run(unchecked, "echo off")).isEqualTo("off\n");
            }
        }
    }

    @Test
    void acceptsAHashedKnownHostsEntry() throws Exception {
        Path knownHosts = knownHostsWithServer();
        SshKeygen.hashKnownHosts(knownHosts);
        assertThat(Files.readString(knownHosts)).startsWith("|1|").doesNotContain("127.0.0.1");
        try (Connection connection = transport.connect(TestEndpoints.withKey(server.port(), clientKey, knownHosts, STRICT))) {
            assertThat(run(connection, "echo hashed")).isEqualTo("hashed\n");
        }
    }

    @Test
    void negotiatesOnlyTheKeyTypeAlreadyKnownForTheHost() throws Exception {
        Path ecdsaHostKey = SshKeygen.generate(home, "host-ecdsa", "ecdsa", "", false);
        Path ed25519HostKey = SshKeygen.ed25519(home, "host-ed25519");
        try (TestSshServer twoKeys = TestSshServer.start(TestSshServer.Options.of(ed25519HostKey, authorizedKeys)
                .withSecondHostKey(ecdsaHostKey))) {
            Path knownHosts = home.resolve("known_hosts");
            Files.writeString(knownHosts, twoKeys.knownHostsLine(ecdsaHostKey) + "\n");
            try (Connection connection = transport.connect(TestEndpoints.withKey(twoKeys.port(), clientKey, knownHosts, STRICT))) {
                assertThat(run(connection, "echo ecdsa")).isEqualTo("ecdsa\n");
            }
        }
    }

    @Test
    void offAcceptsAnyHostAndWritesNothing() throws Exception {
        Path knownHosts = home.resolve("none/known_hosts");
        try (Connection connection = transport.connect(TestEndpoints.withKey(server.port(), clientKey, knownHosts, OFF))) {
            assertThat(run(connection, "echo off")).isEqualTo("off\n");
        }
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void aRefusedConnectionNamesHostAndPort() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> transport.connect(TestEndpoints.withKey(closedPort, clientKey, home.resolve("kh"), STRICT)))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONNECT_FAILED))
                .hasMessageContaining("127.0.0.1:" + closedPort);
    }

    @Test
    void aDroppedConnectionDuringACommandIsReportedAsDisconnected() throws Exception {
        Path ownHostKey = SshKeygen.ed25519(home, "dropping-host");
        try (TestSshServer dropping = TestSshServer.start(TestSshServer.Options.of(ownHostKey, authorizedKeys));
                Connection connection = transport.connect(TestEndpoints.withKey(dropping.port(), clientKey, home.resolve("kh"), ACCEPT_NEW))) {
            RemoteProcess sleeping = connection.start("sleep 30");
            Thread.sleep(300);
            long started = System.nanoTime();
            dropping.stop();
            assertThatThrownBy(() -> sleeping.waitFor(Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DISCONNECTED))
                    .hasMessageContaining("127.0.0.1:" + dropping.port());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(connection.isOpen()).isFalse();
        }
    }

    @Test
    void reachesAHostThroughAJumpHostAndClosingTheTargetClosesTheJump() throws Exception {
        Path jumpKey = SshKeygen.ed25519(home, "jump-host");
        Path knownHosts = home.resolve("known_hosts");
        try (TestSshServer jump = TestSshServer.start(TestSshServer.Options.of(jumpKey, authorizedKeys).withTcpForwarding())) {
            Files.writeString(knownHosts, jump.knownHostsLine() + "\n" + server.knownHostsLine() + "\n");
            SshEndpoint viaJump = TestEndpoints.via(TestEndpoints.withKey(server.port(), clientKey, knownHosts, STRICT),
                    TestEndpoints.withKey(jump.port(), clientKey, knownHosts, STRICT));
            int sessionsBefore = server.sessionsOpened();
            Connection connection = transport.connect(viaJump);
            assertThat(connection.describe()).contains("via steward@127.0.0.1:" + jump.port());
            assertThat(run(connection, "echo through")).isEqualTo("through\n");
            assertThat(server.sessionsOpened()).isEqualTo(sessionsBefore + 1);
            assertThat(jump.sessionsOpened()).isZero(); // the jump only forwarded
            assertThat(jump.activeConnections()).isEqualTo(1);
            connection.close();
            for (int i = 0; i < 50 && jump.activeConnections() > 0; i++) {
                Thread.sleep(50);
            }
            assertThat(jump.activeConnections()).isZero();
        }
    }

    @Test
    void anUnknownJumpHostIsRefusedBeforeTheTargetIsTried() throws Exception {
        Path jumpKey = SshKeygen.ed25519(home, "jump-host");
        Path knownHosts = knownHostsWithServer();
        try (TestSshServer jump = TestSshServer.start(TestSshServer.Options.of(jumpKey, authorizedKeys).withTcpForwarding())) {
            SshEndpoint viaJump = TestEndpoints.via(TestEndpoints.withKey(server.port(), clientKey, knownHosts, STRICT),
                    TestEndpoints.withKey(jump.port(), clientKey, knownHosts, STRICT));
            assertThatThrownBy(() -> transport.connect(viaJump))
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN))
                    .hasMessageContaining("[127.0.0.1]:" + jump.port());
        }
    }

    @Test
    void hostsAcceptedConcurrentlyAreAllRecordedIntact() throws Exception {
        Path knownHosts = home.resolve("known_hosts");
        List<TestSshServer> servers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 4; i++) {
                servers.add(TestSshServer.start(TestSshServer.Options.of(SshKeygen.ed25519(home, "host" + i), authorizedKeys)));
            }
            List<Future<?>> connects = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (TestSshServer s : servers) {
                    connects.add(pool.submit(() -> {
                        transport.connect(TestEndpoints.withKey(s.port(), clientKey, knownHosts, ACCEPT_NEW)).close();
                        return null;
                    }));
                }
            }
            for (Future<?> f : connects) {
                f.get();
            }
            List<String> expected = new ArrayList<>();
            for (TestSshServer s : servers) {
                expected.add(s.knownHostsLine());
            }
            assertThat(Files.readAllLines(knownHosts)).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            pool.shutdownNow();
            for (TestSshServer s : servers) {
                s.close();
            }
        }
    }

    @Test
    void commandsRunConcurrentlyOnOneConnection() throws Exception {
        try (Connection connection = transport.connect(TestEndpoints.withKey(server.port(), clientKey, knownHostsWithServer(), STRICT))) {
            long started = System.nanoTime();
            List<RemoteProcess> processes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                processes.add(connection.start("sleep 1; echo " + i));
            }
            for (int i = 0; i < 5; i++) {
                try (RemoteProcess p = processes.get(i)) {
                    p.stdin().close();
                    assertThat(new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(i + "\n");
                    assertThat(p.waitFor(Duration.ofSeconds(10))).isZero();
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4500));
        }
    }

    @Test
    void everyByteOfStdinArrivesWhenItEndsWhileTheHostsWindowIsFull() throws Exception {
        try (TestSshServer slowReader = TestSshServer.start(TestSshServer.Options.of(hostKey, authorizedKeys))) {
            slowReader.limitChannelWindow(32 * 1024);
            Path knownHosts = keys.resolve("known_hosts_window");
            Files.writeString(knownHosts, slowReader.knownHostsLine() + "\n");
            try (Connection connection = transport.connect(TestEndpoints.withKey(slowReader.port(), clientKey, knownHosts, STRICT));
                    RemoteProcess process = connection.start("sleep 1; wc -c")) {
                byte[] input = new byte[100 * 1024 + 123];
                process.stdin().write(input);
                process.stdin().close(); // the host has read nothing yet: its window is full
                assertThat(new String(process.stdout().readAllBytes(), StandardCharsets.UTF_8).trim())
                        .isEqualTo(String.valueOf(input.length));
                assertThat(process.waitFor(Duration.ofSeconds(10))).isZero();
            }
        }
    }
}
