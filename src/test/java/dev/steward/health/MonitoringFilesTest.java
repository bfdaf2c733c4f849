package dev.steward.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.steward.source.SourceLocation;
import dev.steward.template.TemplateEngine;
import dev.steward.vars.Vars;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example alert rules shipped beside monitoring.yml: Prometheus' rule file shape, and every
 * steward_check they name is a check steward health really emits (a renamed check would silence an alert).
 * PromQL itself is checked by promtool in {@link MonitoringLabTest}. The node's /metrics proxy: only
 * {@code GET /metrics}, only to the monitor hosts (its behaviour is tested in {@link MonitoringLabTest}).
 */
class MonitoringFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void alertRulesHaveTheRuleFileShapeAndNameRealChecks() throws IOException {
        JsonNode root = YAML.readTree(Path.of("playbooks/monitoring/alerts.yml").toFile());
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : root.path("groups")) {
            assertThat(group.path("name").asText()).isNotBlank();
            for (JsonNode rule : group.path("rules")) {
                String name = rule.path("alert").asText();
                alerts.add(name);
                assertThat(rule.path("expr").asText()).as(name).isNotBlank();
                assertThat(rule.path("for").asText()).as(name).matches("\\d+[smhd]");
                assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("warning", "critical");
                assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("check(=~|=)\"([^\"]+)\"")
                        .matcher(rule.path("expr").asText());
                while (m.find()) {
                    String check = m.group(2);
                    boolean real = m.group(1).equals("=") ? List.of("balance", PairRule.CHECK, "container").contains(check)
                            || check.startsWith("disk") : List.of("rpc:.*", "disk.*").contains(check);
                    assertThat(real).as(name + " names check " + check).isTrue();
                }
            }
        }
        assertThat(alerts).contains("ChainlinkBalanceLow", "ChainlinkNoLeaseHolder", "ChainlinkBothNodesDown",
                "DiskFilling");
    }

    private static String proxyConfig(Map<String, Object> settings) throws IOException {
        Vars vars = Vars.EMPTY.with("test", settings, new SourceLocation("test", 1, 1));
        return new TemplateEngine().renderFile(Path.of("templates/monitoring/chainlink-metrics.conf.ftl"), vars);
    }

    @Test
    void theMetricsProxyPassesOnlyGetMetricsToTheNodeAndOnlyToTheMonitors() throws IOException {
        String conf = proxyConfig(Map.of("groups", Map.of("all", List.of("node1", "node2", "mon1", "mon2"),
                        "chainlink", List.of("node1", "node2"), "monitor", List.of("mon1", "mon2")),
                "addresses", Map.of("node1", "10.8.0.10", "node2", "10.8.0.11", "mon1", "10.8.0.40", "mon2", "10.8.0.41"),
                "inventory_hostname", "node1", "chainlink_metrics_port", 9189L));
        String code = conf.lines().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty())
                .reduce((a, b) -> a + "\n" + b).orElse("");
        assertThat(code).contains("listen 9189;");
        // the monitors' addresses, then nobody else; the node hosts themselves are not let in
        assertThat(code).contains("allow 10.8.0.40;\nallow 10.8.0.41;\ndeny all;").doesNotContain("10.8.0.1");
        // one proxied location, an exact match on /metrics, GET (and HEAD) only, to the node's loopback port
        Matcher locations = Pattern.compile("location ([^{]+)\\{").matcher(code);
        List<String> names = new ArrayList<>();
        while (locations.find()) {
            names.add(locations.group(1).strip());
        }
        assertThat(names).containsExactly("= /metrics", "/");
        String metrics = code.substring(code.indexOf("location = /metrics"), code.indexOf("location /"));
        assertThat(metrics).contains("limit_except GET {\ndeny all;\n}").contains("proxy_pass http://127.0.0.1:6688/metrics;");
        assertThat(code.split("proxy_pass", -1)).hasSize(2);
        assertThat(code.substring(code.indexOf("location /"))).contains("return 404;");

        // the default port is 6689, as in the firewall's policy
        assertThat(proxyConfig(Map.of("groups", Map.of("monitor", List.of("mon1")), "addresses", Map.of("mon1", "10.8.0.40"),
                "inventory_hostname", "node1"))).contains("listen " + dev.steward.reach.StackFirewall.CHAINLINK_METRICS + ";");
    }

    /** The {@code that} of the named assert task in monitoring.yml's /metrics play, as written. */
    private static String assertion(String task) throws IOException {
        for (JsonNode play : YAML.readTree(Path.of("playbooks/monitoring.yml").toFile())) {
            for (JsonNode t : play.path("tasks")) {
                if (t.path("name").asText().equals(task)) {
                    return t.path("assert").path("that").asText();
                }
            }
        }
        throw new AssertionError("no task " + task + " in monitoring.yml");
    }

    private static boolean holds(String expression, Map<String, Object> vars) {
        return new TemplateEngine().condition(expression, Vars.EMPTY.with("test", vars, new SourceLocation("test", 1, 1)),
                new SourceLocation("monitoring.yml", 1, 1));
    }

    @Test
    void theProxyNeedsAMonitorAndRefusesThePortOfTheNodesOwnHttpsServer() throws IOException {
        String monitor = assertion("A monitor host to let in");
        assertThat(holds(monitor, Map.of("groups", Map.of("monitor", List.of("mon1"))))).isTrue();
        assertThat(holds(monitor, Map.of("groups", Map.of("chainlink", List.of("node1"))))).isFalse();

        String port = assertion("A port the node does not use itself");
        assertThat(holds(port, Map.of())).isTrue();
        assertThat(holds(port, Map.of("chainlink_networking", "published", "chainlink_tls_cert", "/chainlink/tls/crt"))).isTrue();
        assertThat(holds(port, Map.of("chainlink_networking", "host", "chainlink_tls_cert", ""))).isTrue();
        assertThat(holds(port, Map.of("chainlink_networking", "host", "chainlink_tls_cert", "/chainlink/tls/crt"))).isFalse();
        assertThat(holds(port, Map.of("chainlink_networking", "host", "chainlink_tls_cert", "/chainlink/tls/crt",
                "chainlink_metrics_port", 6689L))).isFalse();
        assertThat(holds(port, Map.of("chainlink_networking", "host", "chainlink_tls_cert", "/chainlink/tls/crt",
                "chainlink_metrics_port", 9189L))).isTrue();
    }
}
