package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.testing.CliRun;
import org.junit.jupiter.api.Test;

class SchemaCommandTest {

    @Test
    void printsThePlaybookAndInventorySchemasAsJson() throws Exception {
        for (String kind : new String[] {"playbook", "inventory"}) {
            CliRun r = CliRun.of("schema", kind);
            assertThat(r.exitCode()).isZero();
            JsonNode schema = new ObjectMapper().readTree(r.out());
            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.get("title").asText()).containsIgnoringCase(kind);
        }
    }

    @Test
    void anUnknownKindIsABadOption() {
        CliRun r = CliRun.of("schema", "roles");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("steward schema takes playbook or inventory, not 'roles'");
    }
}
