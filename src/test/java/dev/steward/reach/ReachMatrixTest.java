package dev.steward.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expected matrix derived from the policy: who must reach what, and what must stay closed. */
class ReachMatrixTest {

    private static final Map<String, Object> VARS = Map.of(
            "groups", Map.of("all", List.of("node1", "node2", "db1", "eth1"), "chainlink", List.of("node1", "node2"),
                    "postgres", List.of("db1"), "eth", List.of("eth1")),
            "chainlink_p2p_port", 6690);

    private static List<Target> targets() {
        return List.of(target("node1", "10.0.0.10"), target("node2", "10.0.0.11"), target("db1", "10.0.0.20"),
                target("eth1", "10.0.0.30"));
    }

    private static Target target(String host, String address) {
        return new Target(host, address, "203.0.113.1", 2200, StackFirewall.openings(host, VARS),
                StackFirewall.closed(host, VARS));
    }

    private static List<String> lines(String source) {
        return ReachMatrix.from(source, targets()).stream()
                .map(p -> p.target() + " " + p.endpoint() + " " + (p.mustOpen() ? "open" : "closed")).toList();
    }

    @Test
    void aNodeReachesTheDatabaseTheRpcAndItsPeerButNoUi() {
        assertThat(lines("node1")).containsExactly(
                "node2 10.0.0.11:22 open", "node2 10.0.0.11:6690 open", "node2 10.0.0.11:6688 closed",
                "db1 10.0.0.20:22 open", "db1 10.0.0.20:5432 open",
                "eth1 10.0.0.30:22 open", "eth1 10.0.0.30:8545 open", "eth1 10.0.0.30:8546 open",
                "eth1 10.0.0.30:30303 open");
    }

    @Test
    void theEthHostReachesNeitherTheDatabaseNorTheNodesP2p() {
        assertThat(lines("eth1")).contains("db1 10.0.0.20:5432 closed", "node1 10.0.0.10:6690 closed",
                "node1 10.0.0.10:6688 closed").doesNotContain("eth1 10.0.0.30:22 open");
    }

    @Test
    void theControllerIsAnyoneAndReachesSshAsTheInventorySays() {
        assertThat(lines(Path.CONTROLLER)).contains("db1 203.0.113.1:2200 open", "db1 10.0.0.20:5432 closed",
                "eth1 10.0.0.30:8546 closed", "eth1 10.0.0.30:30303 open", "node1 10.0.0.10:6688 closed")
                .noneMatch(l -> l.contains(":30303 ") && l.contains("udp"));
    }

    @Test
    void withAMonitorOnlyItReachesNodeExporterAndTheNodesMetricsProxy() {
        Map<String, Object> vars = Map.of("groups", Map.of("all", List.of("node1", "db1", "mon1"),
                "chainlink", List.of("node1"), "postgres", List.of("db1"), "monitor", List.of("mon1")));
        List<Target> targets = List.of(
                new Target("node1", "10.0.0.10", "node1", 22, StackFirewall.openings("node1", vars), StackFirewall.closed("node1", vars)),
                new Target("db1", "10.0.0.20", "db1", 22, StackFirewall.openings("db1", vars), StackFirewall.closed("db1", vars)),
                new Target("mon1", "10.0.0.40", "mon1", 22, StackFirewall.openings("mon1", vars), StackFirewall.closed("mon1", vars)));
        java.util.function.Function<String, List<String>> lines = source -> ReachMatrix.from(source, targets).stream()
                .map(p -> p.target() + " " + p.endpoint() + " " + (p.mustOpen() ? "open" : "closed")).toList();
        assertThat(lines.apply("mon1")).contains("node1 10.0.0.10:9100 open", "node1 10.0.0.10:6689 open",
                "node1 10.0.0.10:6688 closed", "db1 10.0.0.20:9100 open").doesNotContain("db1 10.0.0.20:6689 open");
        assertThat(lines.apply("db1")).contains("node1 10.0.0.10:9100 closed", "node1 10.0.0.10:6689 closed",
                "mon1 10.0.0.40:9100 closed");
        assertThat(lines.apply(Path.CONTROLLER)).contains("node1 10.0.0.10:6689 closed");
        // without a monitor group, neither port is in the policy
        assertThat(lines("node1")).noneMatch(l -> l.contains(":9100 ") || l.contains(":6689 "));
    }

    @Test
    void aMismatchExitsOneAndAnUnreachableHostThree() {
        Path mustOpen = new Path("node1", "db1", "10.0.0.20", 5432, "postgres", true);
        Path mustClose = new Path("eth1", "db1", "10.0.0.20", 5432, "postgres", false);
        assertThat(new ReachReport(List.of(new ReachRow(mustOpen, "open"), new ReachRow(mustClose, "timeout")),
                List.of()).exitCode()).isZero();
        // refused: the firewall let it through and nothing listens: right for both expectations
        ReachReport nothingListens = new ReachReport(List.of(new ReachRow(mustOpen, "refused"),
                new ReachRow(mustClose, "refused")), List.of());
        assertThat(nothingListens.exitCode()).isZero();
        assertThat(nothingListens.table()).contains("passes (refused: nothing listens)");
        ReachReport bad = new ReachReport(List.of(new ReachRow(mustOpen, "timeout"), new ReachRow(mustClose, "open")),
                List.of("node2"));
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.table()).contains("MISMATCH").contains("UNREACHABLE  node2").contains("0 of 2 paths as expected, 2 MISMATCH");
        assertThat(new ReachReport(List.of(new ReachRow(mustOpen, "open")), List.of("node2")).exitCode()).isEqualTo(3);
    }
}
