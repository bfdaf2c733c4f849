package dev.steward.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderingsTest {

    private final HealthReport report = new HealthReport(List.of(
            CheckRow.ok("node1", "disk", "80.0% free on /"),
            CheckRow.warn("node1", "balance", "0xabc holds 0.1 ETH (below min_eth_balance 0.5)"),
            CheckRow.fail("db1", "postgres", "PostgreSQL does not answer on port 5432"),
            CheckRow.fail("weird\"host", "rpc:1:a\\b:http", "x")), List.of());

    @Test
    void theTableAlignsItsColumnsAndEndsWithASummary() {
        String[] lines = Renderings.table(report).split("\n");
        assertThat(lines[0]).startsWith("HOST").contains("CHECK").contains("STATUS").contains("DETAIL");
        int detailColumn = lines[0].indexOf("DETAIL");
        assertThat(lines[1].indexOf("80.0% free")).isEqualTo(detailColumn);
        assertThat(lines[2].indexOf("0xabc")).isEqualTo(detailColumn);
        assertThat(lines[3].indexOf("PostgreSQL")).isEqualTo(detailColumn);
        assertThat(lines[1].indexOf("ok")).isEqualTo(lines[0].indexOf("STATUS"));
        assertThat(lines[lines.length - 1]).isEqualTo("1 ok, 1 warn, 2 fail");
    }

    @Test
    void theTableNamesUnreachableHosts() {
        HealthReport r = new HealthReport(List.of(CheckRow.fail("node2", "ssh", "unreachable: refused")),
                List.of("node2"));
        assertThat(Renderings.table(r)).endsWith("0 ok, 0 warn, 1 fail; unreachable: node2\n");
    }

    @Test
    void jsonIsOneObjectWithRowsAndASummary() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Renderings.json(report));
        assertThat(root.path("rows")).hasSize(4);
        assertThat(root.path("rows").get(1).path("host").asText()).isEqualTo("node1");
        assertThat(root.path("rows").get(1).path("check").asText()).isEqualTo("balance");
        assertThat(root.path("rows").get(1).path("status").asText()).isEqualTo("warn");
        assertThat(root.path("rows").get(2).path("detail").asText()).contains("does not answer");
        JsonNode summary = root.path("summary");
        assertThat(summary.path("ok").asInt()).isEqualTo(1);
        assertThat(summary.path("warn").asInt()).isEqualTo(1);
        assertThat(summary.path("fail").asInt()).isEqualTo(2);
        assertThat(summary.path("unreachable")).isEmpty();
        assertThat(summary.path("exit_code").asInt()).isEqualTo(1);
    }

    @Test
    void prometheusHasHelpTypeAndOneSamplePerRowWithEscapedLabels() {
        String text = Renderings.prometheus(report);
        assertThat(text).startsWith("# HELP steward_check ").contains("# TYPE steward_check gauge\n")
                .contains("steward_check{host=\"node1\",check=\"disk\"} 1\n")
                .contains("steward_check{host=\"node1\",check=\"balance\"} 0.5\n")
                .contains("steward_check{host=\"db1\",check=\"postgres\"} 0\n")
                .contains("steward_check{host=\"weird\\\"host\",check=\"rpc:1:a\\\\b:http\"} 0\n")
                .contains("steward_health_unreachable_hosts 0\n");
        for (String line : text.split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) .*|[a-z_]+(\\{.*\\})? (1|0\\.5|0|\\d+)");
        }
    }

    @Test
    void exitCodesAreZeroOnlyWhenAllOkOneOnAWarningOrFailureThreeWhenUnreachable() {
        assertThat(new HealthReport(List.of(CheckRow.ok("a", "disk", "")), List.of()).exitCode()).isZero();
        assertThat(new HealthReport(List.of(CheckRow.warn("a", "disk", "")), List.of()).exitCode()).isEqualTo(1);
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(new HealthReport(List.of(CheckRow.fail("a", "ssh", "")), List.of("a")).exitCode()).isEqualTo(3);
    }
}
