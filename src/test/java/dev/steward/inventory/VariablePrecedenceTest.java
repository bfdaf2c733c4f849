package dev.steward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per level of {@link VariablePrecedence}: each key is set at a level and the one below. */
class VariablePrecedenceTest {

    private final Map<String, Object> vars = InventoryFixtures.read("precedence/inventory.yml").varsFor("h1");

    @Test
    void allInventoryVarsAreTheBase() {
        assertThat(vars).containsEntry("a", "all-inventory");
    }

    @Test
    void groupVarsAllBeatsAllInventoryVars() {
        assertThat(vars).containsEntry("b", "all-file");
    }

    @Test
    void parentGroupBeatsAll() {
        assertThat(vars).containsEntry("c", "parent-inventory");
    }

    @Test
    void aGroupsVarsFileBeatsItsInventoryVars() {
        assertThat(vars).containsEntry("d", "parent-file");
    }

    @Test
    void childGroupBeatsParentGroup() {
        assertThat(vars).containsEntry("e", "child-inventory");
    }

    @Test
    void childGroupVarsFileBeatsChildInventoryVars() {
        assertThat(vars).containsEntry("f", "child-file");
    }

    @Test
    void groupsOfTheSameDepthApplyInNameOrder() {
        assertThat(vars).containsEntry("g", "beta");
    }

    @Test
    void depthCountsBeforeName() {
        assertThat(vars).containsEntry("h", "child-inventory"); // child (depth 2) over zeta (depth 1)
    }

    @Test
    void hostInventoryVarsBeatGroups() {
        assertThat(vars).containsEntry("i", "host-inventory");
    }

    @Test
    void hostVarsFileBeatsHostInventoryVars() {
        assertThat(vars).containsEntry("j", "host-file");
    }

    @Test
    void dictionariesAreReplacedNotMerged() {
        assertThat(vars.get("settings")).isEqualTo(Map.of("colour", "blue"));
    }

    @Test
    void magicVariablesComeLast() {
        assertThat(vars)
                .containsEntry("inventory_hostname", "h1")
                .containsEntry("group_names", List.of("alpha", "beta", "child", "parent", "zeta"))
                .containsEntry("address", "h1");
    }

    @Test
    void groupsAndAddressesDescribeTheWholeInventoryToEveryHost() {
        Inventory nested = InventoryFixtures.read("yaml-nested/inventory.yml");
        for (String host : List.of("mon1", "cl2")) {
            Map<String, Object> seen = nested.varsFor(host);
            // a group lists the hosts of its children too, in inventory order
            assertThat(seen.get("groups")).isEqualTo(Map.of(
                    "all", List.of("bastion", "cl1", "cl2", "mon1"),
                    "ungrouped", List.of("bastion"),
                    "chainlink", List.of("cl1", "cl2"),
                    "primary", List.of("cl1"),
                    "standby", List.of("cl2"),
                    "monitoring", List.of("cl1", "mon1")));
            // address defaults to ssh.host; a host without either is reached by its name
            assertThat(seen.get("addresses")).isEqualTo(Map.of(
                    "bastion", "203.0.113.7", "cl1", "10.8.0.11", "cl2", "10.0.0.12", "mon1", "mon1"));
            assertThat(seen.get("inventory_dir")).isEqualTo(
                    nested.source().toAbsolutePath().normalize().getParent().toString());
        }
    }

    @Test
    void theResultIsImmutable() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vars.put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
