package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lab.LabCluster;
import dev.steward.testing.CliRun;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.Container;

/**
 * playbooks/firewall.yml with real ufw on three lab hosts: lab1 a chainlink node, lab2 postgres, lab3
 * eth. The services are listeners (python3 http.server under systemd-run) on their ports, the
 * operator UI's 6688 included, listening on every address so only the firewall keeps it closed. lab3
 * also runs Docker with a container published on 127.0.0.1, which must keep answering after ufw is on.
 *
 * <p>SSH reaches the hosts through a port mapping (localhost:327xx on the controller, 22 in the host):
 * the firewall must allow the port SSH really arrives on, which is not the inventory's.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirewallLabTest {

    private static final Path FIREWALL = Path.of("playbooks/firewall.yml").toAbsolutePath();
    private static final Path RPC_TAR = Path.of("target/standins/steward-standin_rpc_latest.tar").toAbsolutePath();
    private static final String RPC_CALL = "curl -s -m 5 -H 'content-type: application/json' "
            + "-d '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}' http://127.0.0.1:18545";

    private static LabCluster lab;
    private static Path inventory;

    @BeforeAll
    static void start() throws Exception {
        assertThat(RPC_TAR).as("run bin/build-standins first").exists();
        lab = LabCluster.start(3);
        inventory = lab.inventory().getParent().resolve("stack.yml");
        Files.writeString(inventory, """
                all:
                  vars:
                    stage: lab
                    db_password: "Db-Passw0rd-for-firewall-tests"
                    keystore_password: "keystore-Passw0rd-for-tests"
                    api_email: ops@example.com
                    api_password: "api-Passw0rd-for-tests"
                    firewall_rollback_timeout: 30
                  ssh: {user: steward, private_key: id_ed25519, known_hosts: known_hosts, host_key_checking: accept-new}
                  children:
                    chainlink:
                      vars:
                        chainlink_image: steward-standin/chainlink
                        chainlink_version: 2.10.0
                        chainlink_chains:
                          - {chain_id: 11155111, nodes: [{name: eth1, http: "http://%7$s:8545", ws: "ws://%7$s:8546"}]}
                        db_host: %4$s
                      hosts:
                        lab1: {ssh: {host: %1$s, port: %2$d}, address: %3$s}
                    postgres:
                      hosts:
                        lab2: {ssh: {host: %1$s, port: %5$d}, address: %4$s}
                    eth:
                      hosts:
                        lab3: {ssh: {host: %1$s, port: %6$d}, address: %7$s}
                """.formatted(lab.host("lab1").sshHost(), lab.host("lab1").sshPort(), address("lab1"),
                address("lab2"), lab.host("lab2").sshPort(), lab.host("lab3").sshPort(), address("lab3")));
        listen("lab1", 6688);
        listen("lab2", 5432);
        listen("lab3", 8545);
        listen("lab3", 8546);
        // Docker on the eth host, with a container published on loopback only, running before ufw comes
        ok("lab3", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null"
                + " && systemctl is-active docker");
        Process cp = new ProcessBuilder("docker", "cp", RPC_TAR.toString(), lab.host("lab3").containerName()
                + ":/root/rpc.tar").inheritIO().start();
        assertThat(cp.waitFor(120, TimeUnit.SECONDS) && cp.exitValue() == 0).as("docker cp of the rpc tar").isTrue();
        ok("lab3", "docker load -q -i /root/rpc.tar && rm /root/rpc.tar && docker run -d --name rpc-loopback "
                + "-p 127.0.0.1:18545:8545 steward-standin/rpc:latest && for i in $(seq 30); do "
                + RPC_CALL + " | grep -q result && exit 0; sleep 1; done; exit 1");
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void firewallOpensThePolicyAndNothingElse() {
        CliRun run = CliRun.of("play", FIREWALL.toString(), "-i", inventory.toString());
        assertThat(run.exitCode()).as(run.printed()).isZero();
        for (String host : new String[] {"lab1", "lab2", "lab3"}) {
            assertThat(exec(host, "ufw status").getStdout()).as(host).contains("Status: active");
        }
        // postgres: from the node only
        assertThat(canConnect("lab1", address("lab2"), 5432)).as("node -> postgres:5432").isTrue();
        assertThat(canConnect("lab3", address("lab2"), 5432)).as("eth -> postgres:5432").isFalse();
        assertThat(fromController(address("lab2"), 5432)).as("controller -> postgres:5432").isFalse();
        // eth RPC: from the node only
        assertThat(canConnect("lab1", address("lab3"), 8546)).as("node -> eth:8546").isTrue();
        assertThat(canConnect("lab2", address("lab3"), 8546)).as("postgres -> eth:8546").isFalse();
        assertThat(fromController(address("lab3"), 8546)).as("controller -> eth:8546").isFalse();
        // the operator UI listens on every address, and still nobody else reaches it
        assertThat(canConnect("lab2", address("lab1"), 6688)).as("postgres -> node:6688").isFalse();
        assertThat(fromController(address("lab1"), 6688)).as("controller -> node:6688").isFalse();
        assertThat(canConnect("lab1", "127.0.0.1", 6688)).as("node -> its own 6688 (the tunnel's end)").isTrue();
        // SSH arrives on 22 in the host (the inventory says 327xx): allowed first
        assertThat(exec("lab2", "ufw status").getStdout()).contains("22/tcp").contains(address("lab1"));
        // Docker's chains and the container's loopback port survive ufw
        assertThat(exec("lab3", RPC_CALL).getStdout()).as("container on 127.0.0.1:18545").contains("result");
        assertThat(exec("lab3", "iptables -t nat -S DOCKER").getStdout()).contains("18545");
        assertThat(exec("lab3", "iptables -S DOCKER-USER").getExitCode()).as("DOCKER-USER chain").isZero();
        assertThat(run.out()).contains("Every port opens and closes as the policy says"); // firewall.yml's reach test ran
    }

    @Test
    @Order(2)
    void secondRunChangesNothing() {
        CliRun run = CliRun.of("play", FIREWALL.toString(), "-i", inventory.toString());
        assertThat(run.exitCode()).as(run.printed()).isZero();
        for (String host : new String[] {"lab1", "lab2", "lab3"}) {
            assertThat(run.recapOf(host)).as(run.printed()).contains("changed=0 unreachable=0 failed=0");
        }
    }

    @Test
    @Order(3)
    void reachPrintsEveryPathAsExpected() {
        CliRun run = CliRun.of("reach", "-i", inventory.toString());
        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out().replaceAll(" +", " "))
                .contains("lab3 lab2 " + address("lab2") + ":5432 postgres closed closed (timeout) ok")
                .contains("lab1 lab2 " + address("lab2") + ":5432 postgres open open ok")
                .contains("controller lab1 " + address("lab1") + ":6688 must stay closed closed closed (timeout) ok")
                .contains("lab1 lab3 " + address("lab3") + ":8546 eth rpc ws open open ok")
                .contains("paths as expected")
                .doesNotContain("MISMATCH");
    }

    @Test
    @Order(4)
    void aRuleThatCutsSshIsRolledBackByTheHost() throws Exception {
        Path cut = lab.inventory().getParent().resolve("cut-ssh.yml");
        Files.writeString(cut, """
                - name: Close SSH on the host's interface (a mistake)
                  hosts: lab3
                  become: true
                  gather_facts: false
                  tasks:
                    - ufw: {rule: deny, port: 22, proto: tcp, interface: eth0, insert: 1, rollback_timeout: 15}
                """);
        long started = System.nanoTime();
        CliRun run = CliRun.of("play", cut.toString(), "-i", inventory.toString());
        assertThat(run.exitCode()).as(run.printed()).isEqualTo(2);
        assertThat(run.printed()).contains("the new rules cut SSH off").contains("The rollback timer on the host")
                .contains("SSH arrives on port 22/tcp");
        // the host restores its rules by itself: SSH answers again within the window
        CliRun ping;
        do {
            ping = CliRun.of("ping", "-i", inventory.toString(), "-l", "lab3");
        } while (ping.exitCode() != 0 && seconds(started) < 40);
        assertThat(ping.exitCode()).as(ping.printed()).isZero();
        assertThat(seconds(started)).as("seconds until SSH answered again").isLessThan(30);
        assertThat(exec("lab3", "ufw status").getStdout()).contains("Status: active").doesNotContain("on eth0");
        assertThat(exec("lab3", "systemctl is-active steward-ufw-rollback.timer").getStdout().strip())
                .isEqualTo("inactive");
        // the restore rebuilt ufw's chains only: Docker's container still answers on loopback
        assertThat(exec("lab3", RPC_CALL).getStdout()).as("container on 127.0.0.1:18545").contains("result");
        assertThat(exec("lab3", "iptables -t nat -S DOCKER").getStdout()).contains("18545");
        // and the policy holds as before
        CliRun reach = CliRun.of("reach", "-i", inventory.toString());
        assertThat(reach.exitCode()).as(reach.printed()).isZero();
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }

    private static String address(String host) {
        return lab.host(host).address();
    }

    private static void listen(String host, int port) {
        ok(host, "systemd-run --unit=listen-" + port + " python3 -m http.server " + port + " --bind 0.0.0.0"
                + " && for i in $(seq 50); do timeout 1 bash -c '</dev/tcp/127.0.0.1/" + port + "' && exit 0; "
                + "sleep 0.2; done; exit 1");
    }

    private static boolean canConnect(String from, String address, int port) {
        return exec(from, "timeout 3 bash -c '</dev/tcp/" + address + "/" + port + "'").getExitCode() == 0;
    }

    private static boolean fromController(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 3000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void ok(String host, String command) {
        Container.ExecResult r = exec(host, command);
        assertThat(r.getExitCode()).as("%s: %s%n%s%s", host, command, r.getStdout(), r.getStderr()).isZero();
    }

    private static Container.ExecResult exec(String host, String command) {
        return lab.host(host).exec("bash", "-c", command);
    }
}
