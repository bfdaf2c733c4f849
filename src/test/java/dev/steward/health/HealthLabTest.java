package dev.steward.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.engine.ChainlinkPairLab;
import dev.steward.lab.LabCluster;
import java.nio.file.Files;
import dev.steward.testing.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward health} against a real stack ({@link ChainlinkPairLab}): all green, then a stopped node,
 * a full disk and a balance under its threshold each show up, with a non-zero exit; the JSON and the
 * Prometheus text parse.
 */
@Tag("lab")
class HealthLabTest {

    private static final String WALLET = "0x" + "5a".repeat(20);
    /** A small mount on every host, checked beside /: it can really be filled. */
    private static final String DATA = "/srv/data";

    private static LabCluster lab;
    private static ChainlinkPairLab stack;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        assertThat(ChainlinkPairLab.STANDINS.resolve("steward-standin_chainlink_2.10.0.tar"))
                .as("run bin/build-standins first").exists();
        lab = LabCluster.start(3);
        stack = new ChainlinkPairLab(lab, work);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /**
     * The inventory, with its health settings in group_vars/all/health.yml beside it. The 5-minute load
     * is the whole machine's (containers share its kernel, and other tests load it): its thresholds are
     * set out of the way; every other is the default.
     */
    private static Path inventory(String minBalance) throws Exception {
        Path inv = stack.writeInventory("2.10.0", "10s", 120);
        Files.writeString(inv.resolveSibling("group_vars/all/health.yml"), """
                chainlink_node_address: "%s"
                min_eth_balance: %s
                health_disk_paths: [/, %s]
                health_load_warn_per_cpu: 1000
                health_load_fail_per_cpu: 2000
                """.formatted(WALLET, minBalance, DATA));
        return inv;
    }

    private static Map<String, JsonNode> rows(CliRun json) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json.out());
        Map<String, JsonNode> rows = new java.util.LinkedHashMap<>();
        root.path("rows").forEach(r -> rows.put(r.path("host").asText() + " " + r.path("check").asText(), r));
        return rows;
    }

    private static Optional<Double> metric(List<PrometheusText.Sample> samples, String host, String check) {
        return samples.stream().filter(s -> s.name().equals("steward_check") && host.equals(s.labels().get("host"))
                && check.equals(s.labels().get("check"))).map(PrometheusText.Sample::value).findFirst();
    }

    @Test
    void allGreenThenAStoppedNodeAFullDiskAndALowBalanceEachShowUp() throws Exception {
        for (String h : List.of("lab1", "lab2", "lab3")) {
            stack.on(h, "mkdir -p " + DATA + " && mount -t tmpfs -o size=4m tmpfs " + DATA);
            assertThat(stack.on(h, "df -P " + DATA + " | tail -1")).contains(DATA);
        }
        Path inv = inventory("0.5");
        stack.databaseAndRpc(inv);
        stack.nodes(inv);
        String holder = stack.awaitOneServing();
        String standby = holder.equals("lab1") ? "lab2" : "lab1";

        CliRun green = CliRun.of("health", "-i", inv.toString());
        assertThat(green.exitCode()).as(green.printed()).isZero();
        assertThat(green.out()).contains("0 warn, 0 fail");

        CliRun greenJson = CliRun.of("health", "-i", inv.toString(), "--output", "json");
        assertThat(greenJson.exitCode()).isZero();
        Map<String, JsonNode> all = rows(greenJson);
        assertThat(all.values()).allSatisfy(r -> assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("ok"));
        assertThat(all).containsKeys(holder + " container", holder + " lease", holder + " balance",
                standby + " lease", "lab3 postgres", "lab1 disk", "lab3 disk:" + DATA, "chainlink lease_holder",
                "lab1 rpc:1337:rpc-a:http", "lab1 rpc:1337:rpc-a:ws", "lab1 db_reachable");
        assertThat(all.get(holder + " balance").path("detail").asText()).contains(WALLET + " holds 1 ETH");
        assertThat(new ObjectMapper().readTree(greenJson.out()).path("summary").path("exit_code").asInt()).isZero();

        CliRun greenProm = CliRun.of("health", "-i", inv.toString(), "--output", "prometheus");
        List<PrometheusText.Sample> samples = PrometheusText.parse(greenProm.out());
        assertThat(samples).filteredOn(s -> s.name().equals("steward_check")).hasSize(all.size())
                .allSatisfy(s -> assertThat(s.value()).as(s.toString()).isEqualTo(1.0));
        assertThat(metric(samples, "chainlink", "lease_holder")).contains(1.0);

        // now break three things
        stack.on(standby, "docker stop chainlink");
        stack.on("lab3", "fallocate -l 4000k " + DATA + "/fill");
        inv = inventory("2");

        CliRun bad = CliRun.of("health", "-i", inv.toString());
        assertThat(bad.exitCode()).as(bad.printed()).isEqualTo(1);
        CliRun badJson = CliRun.of("health", "-i", inv.toString(), "--output", "json");
        assertThat(badJson.exitCode()).isEqualTo(1);
        Map<String, JsonNode> now = rows(badJson);
        assertThat(now.get(standby + " container").path("status").asText()).isEqualTo("fail");
        assertThat(now.get("lab3 disk:" + DATA).path("status").asText()).isEqualTo("fail");
        assertThat(now.get("lab3 disk:" + DATA).path("detail").asText()).contains("free on " + DATA)
                .contains("fail below 5%");
        assertThat(now.get("lab3 disk").path("status").asText()).isEqualTo("ok");
        assertThat(now.get(holder + " balance").path("status").asText()).isEqualTo("warn");
        assertThat(now.get(holder + " balance").path("detail").asText()).contains("below min_eth_balance 2");
        assertThat(now.get("chainlink lease_holder").path("detail").asText()).contains(holder + " holds the lease")
                .contains("no standby");
        assertThat(now.get(holder + " container").path("status").asText()).isEqualTo("ok");

        List<PrometheusText.Sample> badSamples = PrometheusText.parse(
                CliRun.of("health", "-i", inv.toString(), "--output", "prometheus").out());
        assertThat(metric(badSamples, standby, "container")).contains(0.0);
        assertThat(metric(badSamples, "lab3", "disk:" + DATA)).contains(0.0);
        assertThat(metric(badSamples, holder, "balance")).contains(0.5);
        assertThat(metric(badSamples, holder, "lease")).contains(1.0);
    }
}
