package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lab.LabCluster;
import dev.steward.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container;

/**
 * The whole site.yml with vpn_mesh on four lab hosts: lab1 the VPN server, lab2 a Chainlink node
 * (10.8.0.10), lab3 PostgreSQL (10.8.0.20), lab4 the Ethereum RPC stand-in (10.8.0.30), every
 * stack address a tunnel address. The node must reach its database and its RPC endpoint through
 * the tunnel, and a second run must change nothing. In the cli package for the demo's RPC stand-in
 * play ({@link DemoCommand#ethPlaybook}). Needs bin/build-standins.
 */
@Tag("lab")
class VpnMeshSiteLabTest {

    private static final Path PLAYBOOKS = Path.of("playbooks").toAbsolutePath();
    private static final Path STANDINS = Path.of("target/standins").toAbsolutePath();

    private static LabCluster lab;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        assertThat(STANDINS.resolve("steward-standin_chainlink_2.10.0.tar")).as("run bin/build-standins first").exists();
        lab = LabCluster.start(4);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static String host(String name, String address) {
        return "%s: {address: %s, ssh: {host: %s, port: %d}}".formatted(name, address, lab.host(name).sshHost(),
                lab.host(name).sshPort());
    }

    private static Path inventory() throws IOException {
        Files.copy(lab.knownHosts(), work.resolve("known_hosts"));
        Files.copy(lab.key().privateKey(), work.resolve("id_ed25519"));
        return Files.writeString(work.resolve("inventory.yml"), """
                all:
                  vars:
                    stage: lab
                    operator_user: steward
                    operator_keys: ["%s"]
                    operator_key_file: id_ed25519
                    docker_source: distro
                    db_name: chainlink
                    db_user: chainlink
                    db_port: 5432
                    db_password: "db-Passw0rd-mesh-site"
                    keystore_password: "keystore-Passw0rd-for-tests"
                    api_email: ops@example.com
                    api_password: "api-Passw0rd-for-tests"
                    vpn_operators: [alice]
                    vpn_mesh: true
                  ssh: {user: steward, private_key: id_ed25519, known_hosts: known_hosts, host_key_checking: accept-new}
                  children:
                    vpn:
                      hosts:
                        %s
                    chainlink:
                      hosts:
                        %s
                      vars:
                        chainlink_image: steward-standin/chainlink
                        chainlink_version: "2.10.0"
                        chainlink_image_tar: "%s"
                        db_host: 10.8.0.20
                        db_sslmode: verify-full
                        db_ca_cert: "%s"
                        chainlink_chains:
                          - {chain_id: %d, nodes: [{name: eth1, http: "http://10.8.0.30:8545", ws: "ws://10.8.0.30:8546"}]}
                    postgres:
                      hosts:
                        %s
                    eth:
                      hosts:
                        %s
                """.formatted(lab.key().publicKeyText().strip(), host("lab1", lab.host("lab1").address()),
                host("lab2", "10.8.0.10"), STANDINS.resolve("steward-standin_chainlink_2.10.0.tar"),
                work.resolve("pki/postgres-ca.crt"), DemoCommand.CHAIN_ID,
                host("lab3", "10.8.0.20"), host("lab4", "10.8.0.30")));
    }

    private static CliRun play(Path playbook, Path inventory, String... more) {
        long started = System.nanoTime();
        String[] args = new String[4 + more.length];
        System.arraycopy(new String[] {"play", playbook.toString(), "-i", inventory.toString()}, 0, args, 0, 4);
        System.arraycopy(more, 0, args, 4, more.length);
        CliRun run = CliRun.of(args);
        System.out.printf("VpnMeshSiteLabTest: %s in %d s%n", playbook.getFileName(), (System.nanoTime() - started) / 1_000_000_000);
        assertThat(run.exitCode()).as(run.printed()).isZero();
        return run;
    }

    @Test
    void siteConvergesWithTheMeshAndTheNodeUsesTheTunnelForItsDatabaseAndRpc() throws IOException {
        Path inventory = inventory();
        // the RPC stand-in listens on all of lab4's addresses, the tunnel's included once it is up
        Path eth = Files.writeString(work.resolve("eth.yml"),
                DemoCommand.ethPlaybook(PLAYBOOKS, STANDINS.resolve("steward-standin_rpc_latest.tar")));
        play(eth, inventory, "--limit", "eth");
        play(PLAYBOOKS.resolve("site.yml"), inventory);

        // the node's own view: database and RPC checks passing, both reached at tunnel addresses
        Container.ExecResult health = lab.host("lab2").exec("sh", "-c", "for i in $(seq 30); do"
                + " out=$(curl -s http://127.0.0.1:6688/health);"
                + " echo \"$out\" | grep -q '\"Database\", \"status\": \"passing\"'"
                + " && echo \"$out\" | grep -q 'Node.eth1\", \"status\": \"passing\"' && { echo \"$out\"; exit 0; };"
                + " sleep 1; done; echo \"$out\"; exit 1");
        assertThat(health.getStdout()).as(health.getStderr())
                .contains("\"name\": \"Database\", \"status\": \"passing\"")
                .contains("\"name\": \"EVM." + DemoCommand.CHAIN_ID + ".Node.eth1\", \"status\": \"passing\"");
        // and the database's: the node's connections come from its tunnel address, over TLS
        Container.ExecResult clients = lab.host("lab3").exec("runuser", "-u", "postgres", "--", "psql", "-XAtc",
                "select distinct client_addr, ssl from pg_stat_activity join pg_stat_ssl using (pid) where datname = 'chainlink'");
        assertThat(clients.getStdout()).as(clients.getStderr()).isEqualTo("10.8.0.10|t\n");

        CliRun again = play(PLAYBOOKS.resolve("site.yml"), inventory);
        for (String host : new String[] {"lab1", "lab2", "lab3", "lab4"}) {
            assertThat(again.recapOf(host)).contains("changed=0 unreachable=0 failed=0");
        }
    }
}
