package dev.steward.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.source.Problem;
import dev.steward.source.ValidationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class VarsFilesTest {

    private final Inventory inventory = InventoryFixtures.read("vars-files/inventory.yml");

    @Test
    void groupVarsFileOverlaysTheGroupsInventoryVars() {
        assertThat(inventory.groups().get("all").vars())
                .containsEntry("layer", "all-file")
                .containsEntry("ntp", "pool.ntp.org");
    }

    @Test
    void groupVarsFolderFilesMergeInFileNameOrderIgnoringOtherFiles() {
        assertThat(inventory.groups().get("web").vars())
                .containsEntry("layer", "web-10")
                .containsEntry("web_port", 8080L) // 20-override.yaml after 10-base.yml
                .doesNotContainKey("not"); // notes.txt is not a vars file
    }

    @Test
    void hostVarsAsYamlFileFileWithoutExtensionAndFolder() {
        assertThat(inventory.varsFor("web1")).containsEntry("layer", "web1-file");
        assertThat(inventory.varsFor("web2")).containsEntry("layer", "web2-no-extension");
        assertThat(inventory.varsFor("web3")).containsEntry("layer", "web3-b").containsEntry("extra", "a");
    }

    @Test
    void groupVarsForAGroupTheInventoryDoesNotDefineIsAProblem() {
        Path file = InventoryFixtures.file("unknown-group-vars/inventory.yml");
        assertThatThrownBy(() -> new InventoryReader(InventoryFixtures.TESTER).readFile(file))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::toString)
                        .containsExactly(file.toAbsolutePath().getParent().resolve("group_vars/webb.yml")
                                + ":1:1: group_vars for group 'webb', which the inventory does not define"
                                + " (did you mean 'web'?)"));
    }
}
