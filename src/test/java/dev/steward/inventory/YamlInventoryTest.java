package dev.steward.inventory;

import static dev.steward.inventory.InventoryFixtures.besides;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.transport.SshEndpoint.HostKeyChecking;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class YamlInventoryTest {

    private static final String FILE = "yaml-nested/inventory.yml";
    private final Inventory inventory = InventoryFixtures.read(FILE);

    @Test
    void hostsKeepTheOrderOfFirstAppearance() {
        assertThat(inventory.hosts().keySet()).containsExactly("bastion", "cl1", "cl2", "mon1");
    }

    @Test
    void nestedGroupsWithAllAndUngroupedCompleted() {
        assertThat(inventory.groups().keySet())
                .containsExactly("all", "ungrouped", "chainlink", "primary", "standby", "monitoring");
        assertThat(inventory.groups().get("all").children()).containsExactly("ungrouped", "chainlink", "monitoring");
        assertThat(inventory.groups().get("chainlink").children()).containsExactly("primary", "standby");
        assertThat(inventory.groups().get("primary").hosts()).containsExactly("cl1");
        assertThat(inventory.groups().get("monitoring").hosts()).containsExactly("mon1", "cl1");
        assertThat(inventory.groups().get("ungrouped").hosts()).containsExactly("bastion");
    }

    @Test
    void groupNamesIncludeParentsButNotAllOrUngrouped() {
        assertThat(inventory.groupNamesOf("cl1")).containsExactly("chainlink", "monitoring", "primary");
        assertThat(inventory.groupNamesOf("bastion")).isEmpty();
    }

    @Test
    void hostOwnSshSettingsWinOverAll() {
        SshSettings ssh = inventory.hosts().get("bastion").ssh();
        assertThat(ssh.host()).isEqualTo("203.0.113.7");
        assertThat(ssh.port()).isEqualTo(22);
        assertThat(ssh.user()).isEqualTo("deploy");
        assertThat(ssh.jump()).isEmpty();
    }

    @Test
    void nearestGroupSshSettingsWinOverFartherOnes() {
        SshSettings cl1 = inventory.hosts().get("cl1").ssh();
        assertThat(cl1.user()).isEqualTo("clops"); // primary, over all's deploy
        assertThat(cl1.port()).isEqualTo(2222); // all
        assertThat(cl1.jump()).contains("bastion"); // chainlink
        assertThat(cl1.privateKey()).contains(besides(FILE, "keys/chainlink"));

        SshSettings cl2 = inventory.hosts().get("cl2").ssh();
        assertThat(cl2.user()).isEqualTo("root"); // its own, over everything
        assertThat(cl2.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(cl2.hostKeyChecking()).isEqualTo(HostKeyChecking.ACCEPT_NEW);
    }

    @Test
    void relativePathsResolveAgainstTheInventoryFolder() {
        assertThat(inventory.hosts().get("mon1").ssh().knownHosts()).isEqualTo(besides(FILE, "known_hosts"));
        assertThat(besides(FILE, "known_hosts")).isAbsolute();
    }

    @Test
    void defaultsApplyWhereNothingIsSet() {
        SshSettings mon1 = inventory.hosts().get("mon1").ssh();
        assertThat(mon1.host()).isEqualTo("mon1");
        assertThat(mon1.hostKeyChecking()).isEqualTo(HostKeyChecking.STRICT);
        assertThat(mon1.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(mon1.password()).isEmpty();
    }

    @Test
    void addressDefaultsToSshHost() {
        assertThat(inventory.hosts().get("cl1").address()).isEqualTo("10.8.0.11");
        assertThat(inventory.hosts().get("cl2").address()).isEqualTo("10.0.0.12");
        assertThat(inventory.hosts().get("mon1").address()).isEqualTo("mon1");
    }

    @Test
    void versionLikeValuesStayText() {
        assertThat(inventory.varsFor("cl1")).containsEntry("node_version", "2.10.0");
    }

    @Test
    void locationsPointAtTheFirstAppearance() {
        assertThat(inventory.hosts().get("cl1").location().toString()).endsWith("inventory.yml:23:13");
        assertThat(inventory.groups().get("standby").location().toString()).endsWith("inventory.yml:27:9");
    }

    @Test
    void tildeExpandsToTheHomeFolder() {
        Inventory ini = InventoryFixtures.read("ini/hosts");
        assertThat(ini.hosts().get("web2").ssh().privateKey()).contains(Path.of("/home/tester/.ssh/web"));
    }

    @Test
    void sshSettingsNeverPrintPasswords() {
        SshSettings db1 = InventoryFixtures.read("ini/hosts").hosts().get("db1").ssh();
        assertThat(db1.toString()).doesNotContain("s3cret").doesNotContain("alsosecret").contains("<redacted>");
        assertThat(InventoryFixtures.read("ini/hosts").hosts().get("db1").toString()).doesNotContain("s3cret");
    }
}
