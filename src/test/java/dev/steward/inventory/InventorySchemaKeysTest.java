package dev.steward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.module.ModuleRegistry;
import dev.steward.schema.SchemaGenerator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inventory schema names exactly the ssh: settings the reader takes (SshField is package-private). */
class InventorySchemaKeysTest {

    @Test
    void sshSettingsAreThoseOfTheReader() {
        JsonNode ssh = new SchemaGenerator(ModuleRegistry.standard()).inventory().at("/$defs/ssh/properties");
        List<String> names = new ArrayList<>();
        ssh.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(SshField.KEYS);
    }
}
