package dev.steward.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.engine.Engine;
import dev.steward.exec.AnswerRule;
import dev.steward.exec.HostBehaviour;
import dev.steward.exec.ReceivedCommand;
import dev.steward.exec.ScriptedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward health} through the real engine against scripted hosts: a Chainlink pair, its
 * PostgreSQL and an Ethereum client, with the lease held by one node, by none, by both, a holder whose
 * /health fails, and a host that cannot be reached.
 */
class HealthScenarioTest {

    private static final String PROVIDER_URL = "https://sepolia.example-provider.com/v1/SECRETKEY123";
    private static final String ADDRESS = "0x00000000000000000000000000000000000000aa";

    @TempDir
    Path dir;

    private Path inventory() throws Exception {
        return Files.writeString(dir.resolve("inventory.yml"), """
                all:
                  vars:
                    db_port: 5432
                  ssh: {user: ops}
                  children:
                    chainlink:
                      hosts:
                        node1: {ssh: {host: 192.0.2.10}, address: 10.8.0.10}
                        node2: {ssh: {host: 192.0.2.11}, address: 10.8.0.11}
                      vars:
                        db_host: 10.8.0.20
                        chainlink_node_address: "%s"
                        min_eth_balance: 0.5
                        chainlink_chains:
                          - chain_id: 11155111
                            nodes:
                              - {name: eth1, http: "http://10.8.0.30:8545", ws: "ws://10.8.0.30:8546"}
                              - {name: provider-a, http: "%s", ws: "wss://sepolia.example-provider.com/ws/SECRETKEY123"}
                    postgres:
                      hosts:
                        db1: {ssh: {host: 192.0.2.20}, address: 10.8.0.20}
                    eth:
                      hosts:
                        eth1: {ssh: {host: 192.0.2.30}, address: 10.8.0.30}
                """.formatted(ADDRESS, PROVIDER_URL));
    }

    private static final List<AnswerRule> HEALTHY_BASE = List.of(
            AnswerRule.of("*", "^df -P /$", 0,
                    "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/sda1 1000 200 800 20% /\n", ""),
            AnswerRule.of("*", "/proc/meminfo", 0, "MemTotal: 4000000 kB\nMemFree: 1000 kB\nMemAvailable: 2000000 kB\n", ""),
            AnswerRule.of("*", "/proc/loadavg", 0, "0.10 0.20 0.30 1/100 1234\n2\n", ""),
            AnswerRule.of("*", "docker inspect", 0, "running\n", ""),
            AnswerRule.of("*", "/dev/tcp/", 0, "", ""),
            AnswerRule.of("*", "pg_isready", 0, "/var/run/postgresql:5432 - accepting connections\n", ""),
            AnswerRule.of("*", "eth_blockNumber", 0, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x10\"}", ""),
            AnswerRule.of("*", "-K -$", 0, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0xde0b6b3a7640000\"}", ""));

    private static AnswerRule holder(String host) {
        return AnswerRule.of(host, "6688/health", 0, "{\"data\":[]}\n200", "");
    }

    private static AnswerRule standby(String host) {
        return AnswerRule.of(host, "6688/health", 7, "000", "curl: (7) Failed to connect to 127.0.0.1 port 6688: Connection refused");
    }

    private record Run(HealthReport report, ScriptedHosts hosts) {
        CheckRow row(String host, String check) {
            return report.rows().stream().filter(r -> r.host().equals(host) && r.check().equals(check)).findFirst()
                    .orElseThrow(() -> new AssertionError("no row " + host + "/" + check + " in " + report.rows()));
        }
    }

    private Run run(List<AnswerRule> specific, Map<String, HostBehaviour> behaviours) throws Exception {
        List<AnswerRule> rules = new ArrayList<>(specific);
        rules.addAll(HEALTHY_BASE);
        ScriptedHosts hosts = new ScriptedHosts(rules, behaviours);
        HealthReport report = new Engine(inv -> hosts, dir).health(inventory(), Optional.empty(), 4);
        return new Run(report, hosts);
    }

    @Test
    void aHolderAndAStandbyWithEverythingReachableIsAllOk() throws Exception {
        Run run = run(List.of(holder("node1"), standby("node2")), Map.of());
        assertThat(run.report().rows()).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(Status.OK));
        assertThat(run.report().exitCode()).isZero();
        assertThat(run.row("node1", "lease").detail()).isEqualTo("holder; /health 200");
        assertThat(run.row("node2", "lease").detail()).isEqualTo("standby (6688 refuses)");
        assertThat(run.row("chainlink", "lease_holder").detail()).isEqualTo("node1 holds the lease; standby: node2");
        assertThat(run.row("node1", "disk").detail()).startsWith("80.0% free on /");
        assertThat(run.row("node1", "db_reachable").detail()).isEqualTo("PostgreSQL 10.8.0.20:5432 reachable");
        assertThat(run.row("node2", "rpc:11155111:provider-a:http").detail())
                .isEqualTo("provider-a http sepolia.example-provider.com:443 reachable");
        assertThat(run.row("node1", "rpc:11155111:eth1:ws").status()).isEqualTo(Status.OK);
        assertThat(run.row("node1", "balance").detail()).isEqualTo(ADDRESS + " holds 1 ETH (min_eth_balance 0.5)");
        assertThat(run.row("db1", "postgres").status()).isEqualTo(Status.OK);
        assertThat(run.row("eth1", "eth_rpc").detail()).contains("block 16");
        assertThat(run.report().rows()).noneMatch(r -> r.host().equals("db1") && r.check().equals("lease"));
        // the container is inspected with sudo; the RPC URL with its key travels on stdin only
        assertThat(run.hosts().commandsOf("node1")).anySatisfy(c -> {
            assertThat(c.command()).contains("docker inspect");
            assertThat(c.becomeUser()).contains("root");
        });
        for (ReceivedCommand c : run.hosts().commandsOf("node1")) {
            assertThat(c.sent()).doesNotContain("SECRETKEY123");
        }
        assertThat(run.hosts().commandsOf("node1")).anySatisfy(c -> assertThat(c.stdin()).contains("eth_getBalance")
                .contains(ADDRESS).contains("url = \"http://10.8.0.30:8545\""));
        String everything = Renderings.table(run.report()) + Renderings.json(run.report())
                + Renderings.prometheus(run.report());
        assertThat(everything).doesNotContain("SECRETKEY123");
    }

    @Test
    void aStandbyBehindDockersPublishedPortIsAStandby() throws Exception {
        // docker-proxy accepts on 127.0.0.1:6688, then resets the connection: nothing listens inside
        Run run = run(List.of(holder("node1"), AnswerRule.of("node2", "6688/health", 56, "000",
                "curl: (56) Recv failure: Connection reset by peer")), Map.of());
        assertThat(run.row("node2", "lease").status()).isEqualTo(Status.OK);
        assertThat(run.row("node2", "lease").detail()).isEqualTo("standby (6688 refuses)");
        assertThat(run.row("chainlink", "lease_holder").detail()).isEqualTo("node1 holds the lease; standby: node2");
    }

    @Test
    void noHolderFailsThePairRule() throws Exception {
        Run run = run(List.of(standby("node1"), standby("node2")), Map.of());
        CheckRow pair = run.row("chainlink", "lease_holder");
        assertThat(pair.status()).isEqualTo(Status.FAIL);
        assertThat(pair.detail()).contains("no node holds the lease");
        assertThat(run.report().exitCode()).isEqualTo(HealthReport.NOT_OK);
    }

    @Test
    void twoHoldersFailThePairRule() throws Exception {
        Run run = run(List.of(holder("node1"), holder("node2")), Map.of());
        CheckRow pair = run.row("chainlink", "lease_holder");
        assertThat(pair.status()).isEqualTo(Status.FAIL);
        assertThat(pair.detail()).contains("node1, node2");
        assertThat(run.report().exitCode()).isEqualTo(HealthReport.NOT_OK);
    }

    @Test
    void aHolderAnswering503NamesTheFailingChecks() throws Exception {
        String body = "{\"data\":[{\"type\":\"checks\",\"id\":\"EVM.11155111.Txm\",\"attributes\":{\"name\":"
                + "\"EVM.11155111.Txm\",\"status\":\"failing\",\"output\":\"x\"}},{\"type\":\"checks\",\"id\":\"Mailbox\","
                + "\"attributes\":{\"name\":\"Mailbox\",\"status\":\"passing\",\"output\":\"\"}}]}";
        Run run = run(List.of(AnswerRule.of("node1", "6688/health", 0, body + "\n503", ""), standby("node2")), Map.of());
        CheckRow lease = run.row("node1", "lease");
        assertThat(lease.status()).isEqualTo(Status.FAIL);
        assertThat(lease.detail()).isEqualTo("holder; /health 503: failing EVM.11155111.Txm");
        assertThat(run.row("chainlink", "lease_holder").status()).isEqualTo(Status.OK);
        assertThat(run.report().exitCode()).isEqualTo(HealthReport.NOT_OK);
    }

    @Test
    void aStoppedContainerIsDownNotAStandby() throws Exception {
        Run run = run(List.of(holder("node1"), standby("node2"),
                AnswerRule.of("node2", "docker inspect", 0, "exited\n", "")), Map.of());
        assertThat(run.row("node2", "container").detail()).isEqualTo("container chainlink is exited");
        assertThat(run.row("node2", "lease").status()).isEqualTo(Status.FAIL);
        CheckRow pair = run.row("chainlink", "lease_holder");
        assertThat(pair.status()).isEqualTo(Status.WARN);
        assertThat(pair.detail()).contains("no standby");
    }

    @Test
    void anUnreachableHostExitsThreeAndLeavesItsRoleUnknown() throws Exception {
        Run run = run(List.of(holder("node1")),
                Map.of("node2", new HostBehaviour(true, OptionalInt.empty())));
        assertThat(run.row("node2", "ssh").status()).isEqualTo(Status.FAIL);
        assertThat(run.row("node2", "ssh").detail()).startsWith("unreachable:");
        assertThat(run.report().rows()).noneMatch(r -> r.host().equals("node2") && !r.check().equals("ssh"));
        assertThat(run.row("chainlink", "lease_holder").detail()).isEqualTo("node1 holds the lease; not checked: node2");
        assertThat(run.report().unreachable()).containsExactly("node2");
        assertThat(run.report().exitCode()).isEqualTo(HealthReport.UNREACHABLE);
    }

    @Test
    void aFillingDiskALowBalanceAndAClosedDatabasePortShowUp() throws Exception {
        Run run = run(List.of(holder("node1"), standby("node2"),
                AnswerRule.of("db1", "^df -P /$", 0, "Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                        + "/dev/sda1 1000 900 100 90% /\n", ""),
                AnswerRule.of("eth1", "^df -P /$", 0, "Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                        + "/dev/sda1 1000 970 30 97% /\n", ""),
                AnswerRule.of("*", "-K -$", 0, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x16345785d8a0000\"}", ""),
                AnswerRule.of("node2", "/dev/tcp/10.8.0.20/5432", 1, "", "bash: connect: Connection refused")),
                Map.of());
        assertThat(run.row("db1", "disk").status()).isEqualTo(Status.WARN);
        assertThat(run.row("eth1", "disk").status()).isEqualTo(Status.FAIL);
        assertThat(run.row("node1", "balance").status()).isEqualTo(Status.WARN);
        assertThat(run.row("node1", "balance").detail()).contains("0.1 ETH").contains("below min_eth_balance 0.5");
        assertThat(run.row("node2", "db_reachable").detail())
                .isEqualTo("PostgreSQL 10.8.0.20:5432 not reachable: connection refused");
        assertThat(run.report().exitCode()).isEqualTo(HealthReport.NOT_OK);
    }
}
