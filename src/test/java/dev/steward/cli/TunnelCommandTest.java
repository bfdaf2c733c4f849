package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.steward.engine.Engine;
import dev.steward.engine.Tunnel;
import dev.steward.testing.CliRun;
import dev.steward.testing.UnreachableInventory;
import dev.steward.transport.SshKeygen;
import dev.steward.transport.TestSshServer;
import dev.steward.transport.TransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward tunnel} against the in-process SSH server (TCP forwarding on), whose "host loopback"
 * is this machine's: a local HTTP server stands in for the operator UI. The forward answers through
 * the tunnel, survives a connection nothing answers on the host's side, and ends when stopped; the
 * CLI's errors (unknown host, local port in use, unreachable host) come with their exit codes.
 * Ctrl-C on the real process is the lab test's (TunnelLabTest).
 */
class TunnelCommandTest {

    @TempDir
    static Path dir;

    static TestSshServer server;
    static HttpServer ui;
    static Path inventory;

    @BeforeAll
    static void start() throws Exception {
        Path hostKey = SshKeygen.ed25519(dir, "host");
        Path clientKey = SshKeygen.ed25519(dir, "client");
        Path authorized = Files.writeString(dir.resolve("authorized_keys"), Files.readString(Path.of(clientKey + ".pub")));
        server = TestSshServer.start(TestSshServer.Options.of(hostKey, authorized).withTcpForwarding());
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n");
        ui = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ui.createContext("/", exchange -> {
            byte[] body = "operator UI".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ui.start();
        inventory = Files.writeString(dir.resolve("inventory.yml"), """
                all:
                  hosts:
                    node1:
                      ssh: {host: 127.0.0.1, port: %d, user: %s, private_key: %s, known_hosts: %s}
                """.formatted(server.port(), TestSshServer.USER, clientKey, knownHosts));
    }

    @AfterAll
    static void stop() throws IOException {
        ui.stop(0);
        server.close();
    }

    private static ServerSocket loopback() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    private static String get(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Serves {@code tunnel} on a thread; the returned reference holds what serve threw, if anything. */
    private static Thread serving(Tunnel tunnel, List<String> refused, AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try {
                tunnel.serve(refused::add);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        return t;
    }

    @Test
    void forwardsToTheHostsLoopbackUntilStopped() throws Exception {
        ServerSocket local = loopback();
        List<String> refused = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Tunnel tunnel = new Engine().tunnel(inventory, "node1", local, ui.getAddress().getPort())) {
            assertThat(tunnel.through()).isEqualTo(TestSshServer.USER + "@127.0.0.1:" + server.port());
            Thread t = serving(tunnel, refused, failure);
            assertThat(get(local.getLocalPort())).isEqualTo("operator UI");
            assertThat(get(local.getLocalPort())).as("a second request, a second channel").isEqualTo("operator UI");
            tunnel.stop();
            t.join(5000);
            assertThat(t.isAlive()).as("serve ends when stopped").isFalse();
        }
        assertThat(failure.get()).isNull();
        assertThat(refused).isEmpty();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), local.getLocalPort()).close())
                .as("the local port is closed with the tunnel").isInstanceOf(ConnectException.class);
    }

    @Test
    void aConnectionNothingAnswersIsReportedAndTheTunnelGoesOn() throws Exception {
        int closedPort;
        try (ServerSocket s = loopback()) {
            closedPort = s.getLocalPort();
        }
        ServerSocket local = loopback();
        List<String> refused = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Tunnel tunnel = new Engine().tunnel(inventory, "node1", local, closedPort)) {
            Thread t = serving(tunnel, refused, failure);
            for (int i = 0; i < 2; i++) {
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), local.getLocalPort())) {
                    client.setSoTimeout(5000);
                    assertThat(client.getInputStream().read()).as("closed at once: nothing on the host's side").isEqualTo(-1);
                }
            }
            for (int i = 0; i < 50 && refused.size() < 2; i++) {
                Thread.sleep(100);
            }
            assertThat(refused).hasSize(2).allSatisfy(line -> assertThat(line)
                    .startsWith("a connection to 127.0.0.1:" + closedPort + " on " + TestSshServer.USER + "@127.0.0.1:")
                    .endsWith("(is anything listening there?)"));
            assertThat(t.isAlive()).as("still serving").isTrue();
            tunnel.stop();
            t.join(5000);
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(failure.get()).isNull();
    }

    @Test
    void stoppedBeforeItServesItServesNothing() throws Exception {
        ServerSocket local = loopback();
        try (Tunnel tunnel = new Engine().tunnel(inventory, "node1", local, ui.getAddress().getPort())) {
            tunnel.stop(); // Ctrl-C may come that early
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> tunnel.serve(line -> { }));
        }
        assertThat(local.isClosed()).isTrue();
    }

    @Test
    void aLostConnectionEndsTheTunnelWithAnError() throws Exception {
        Path hostKey = SshKeygen.ed25519(Files.createDirectories(dir.resolve("lost")), "host");
        Path clientKey = dir.resolve("client");
        try (TestSshServer other = TestSshServer.start(TestSshServer.Options.of(hostKey, dir.resolve("authorized_keys"))
                .withTcpForwarding())) {
            Path knownHosts = Files.writeString(dir.resolve("lost/known_hosts"), other.knownHostsLine() + "\n");
            Path inv = Files.writeString(dir.resolve("lost/inventory.yml"), """
                    all:
                      hosts:
                        node1:
                          ssh: {host: 127.0.0.1, port: %d, user: %s, private_key: %s, known_hosts: %s}
                    """.formatted(other.port(), TestSshServer.USER, clientKey, knownHosts));
            ServerSocket local = loopback();
            List<String> refused = new CopyOnWriteArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            try (Tunnel tunnel = new Engine().tunnel(inv, "node1", local, ui.getAddress().getPort())) {
                Thread t = serving(tunnel, refused, failure);
                assertThat(get(local.getLocalPort())).isEqualTo("operator UI");
                other.stop();
                t.join(10_000);
                assertThat(t.isAlive()).as("serve ends when the connection is lost").isFalse();
            }
            assertThat(failure.get()).isInstanceOf(TransportException.class).hasMessageContaining("was lost");
            assertThat(local.isClosed()).isTrue();
        }
    }

    @Test
    void anUnknownHostIsExit4WithTheClosestName() {
        CliRun run = CliRun.of("tunnel", "nod1", "-i", inventory.toString());
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains(inventory + ": no host 'nod1' in this inventory (did you mean 'node1'?)");
    }

    @Test
    void aLocalPortInUseIsExit1AndSaysWhatToDo() throws IOException {
        try (ServerSocket taken = loopback()) {
            CliRun run = CliRun.of("tunnel", "node1", "-i", inventory.toString(), "--port",
                    Integer.toString(ui.getAddress().getPort()), "--local-port", Integer.toString(taken.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("steward tunnel: 127.0.0.1:" + taken.getLocalPort() + " is already in use on"
                    + " this machine (another tunnel or program): choose another with --local-port N, or --local-port 0"
                    + " for any free port");
        }
    }

    @Test
    void anUnreachableHostIsExit3() throws IOException {
        Path unreachable = UnreachableInventory.writeTo(Files.createDirectories(dir.resolve("unreachable")));
        CliRun run = CliRun.of("tunnel", "web1", "-i", unreachable.toString(), "--local-port", "0");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).startsWith("steward tunnel: web1: ");
    }

    @Test
    void badPortsAreExit5() {
        assertThat(CliRun.of("tunnel", "node1", "-i", inventory.toString(), "--port", "0").exitCode()).isEqualTo(5);
        assertThat(CliRun.of("tunnel", "node1", "-i", inventory.toString(), "--local-port", "70000").exitCode()).isEqualTo(5);
    }
}
