package dev.steward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class InventoryPrinterTest {

    @Test
    void listHasAnsiblesShape() throws Exception {
        Inventory inventory = InventoryFixtures.read("yaml-nested/inventory.yml");
        JsonNode json = new ObjectMapper().readTree(InventoryPrinter.list(inventory));

        assertThat(json.path("all").path("children").toString()).isEqualTo("[\"ungrouped\",\"chainlink\",\"monitoring\"]");
        assertThat(json.path("all").has("hosts")).isFalse();
        assertThat(json.path("ungrouped").path("hosts").toString()).isEqualTo("[\"bastion\"]");
        assertThat(json.path("chainlink").path("children").toString()).isEqualTo("[\"primary\",\"standby\"]");
        assertThat(json.path("monitoring").path("hosts").toString()).isEqualTo("[\"mon1\",\"cl1\"]");
        JsonNode cl1 = json.path("_meta").path("hostvars").path("cl1");
        assertThat(cl1.path("node_version").asText()).isEqualTo("2.10.0");
        assertThat(cl1.path("address").asText()).isEqualTo("10.8.0.11");
        assertThat(cl1.path("ssh").path("user").asText()).isEqualTo("clops");
        assertThat(cl1.path("ssh").path("jump").asText()).isEqualTo("bastion");
        assertThat(cl1.has("inventory_hostname")).isFalse();
    }

    @Test
    void listRedactsPasswordsAndSecretLookingValues() throws Exception {
        Inventory inventory = InventoryFixtures.read("secrets/inventory.yml");
        String text = InventoryPrinter.list(inventory);

        assertThat(text).doesNotContain("hunter2", "sudo-789", "pg-secret-1", "tok-123", "cs-456",
                "b3BlbnNzaC1rZXktdjEAAAAA");
        JsonNode cl1 = new ObjectMapper().readTree(text).path("_meta").path("hostvars").path("cl1");
        assertThat(cl1.path("ssh").path("password").asText()).isEqualTo("<redacted>");
        assertThat(cl1.path("ssh").path("become_password").asText()).isEqualTo("<redacted>");
        assertThat(cl1.path("ssh").path("private_key").asText()).endsWith("keys/cl1"); // a path, not a secret
        assertThat(cl1.path("db_password").asText()).isEqualTo("<redacted>");
        assertThat(cl1.path("api_token").asText()).isEqualTo("<redacted>");
        assertThat(cl1.path("nested").path("client_secret").asText()).isEqualTo("<redacted>");
        assertThat(cl1.path("nested").path("plain").asText()).isEqualTo("visible");
        assertThat(cl1.path("operator_key").asText()).isEqualTo("<redacted>");
    }

    @Test
    void graphLooksLikeAnsibleInventoryGraph() {
        Inventory inventory = InventoryFixtures.read("yaml-nested/inventory.yml");
        assertThat(InventoryPrinter.graph(inventory)).isEqualTo("""
                @all:
                  |--@chainlink:
                  |  |--@primary:
                  |  |  |--cl1
                  |  |--@standby:
                  |  |  |--cl2
                  |--@monitoring:
                  |  |--cl1
                  |  |--mon1
                  |--@ungrouped:
                  |  |--bastion
                """);
        assertThat(InventoryPrinter.graph(inventory, "primary")).isEqualTo("""
                @primary:
                  |--cl1
                """);
    }
}
