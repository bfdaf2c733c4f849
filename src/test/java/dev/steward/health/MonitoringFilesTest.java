package dev.steward.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example alert rules shipped beside monitoring.yml: Prometheus' rule file shape, and every
 * steward_check they name is a check steward health really emits (a renamed check would silence an alert).
 * PromQL itself is checked by promtool in {@link MonitoringLabTest}.
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
}
