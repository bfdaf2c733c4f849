package dev.steward.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.source.Problem;
import dev.steward.source.ValidationException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class IniInventoryTest {

    /** No extension and [group] lines: detected as INI. */
    private final Inventory inventory = InventoryFixtures.read("ini/hosts");

    @Test
    void sectionsChildrenAndUngroupedHosts() {
        assertThat(inventory.hosts().keySet()).containsExactly("bastion", "web1", "web2", "db1");
        assertThat(inventory.groups().keySet()).containsExactly("all", "ungrouped", "web", "db", "prod");
        assertThat(inventory.groups().get("prod").children()).containsExactly("web", "db");
        assertThat(inventory.groups().get("all").children()).containsExactly("ungrouped", "prod");
        assertThat(inventory.groups().get("ungrouped").hosts()).containsExactly("bastion");
        assertThat(inventory.groupNamesOf("db1")).containsExactly("db", "prod");
    }

    @Test
    void ansibleConnectionVariablesBecomeSshSettings() {
        SshSettings web1 = inventory.hosts().get("web1").ssh();
        assertThat(web1.host()).isEqualTo("10.0.0.21");
        assertThat(web1.port()).isEqualTo(2201);
        assertThat(web1.user()).isEqualTo("deploy"); // the host's own, over prod:vars

        SshSettings web2 = inventory.hosts().get("web2").ssh();
        assertThat(web2.port()).isEqualTo(2202); // host:port
        assertThat(web2.user()).isEqualTo("ops"); // from [prod:vars]
        assertThat(web2.privateKey()).contains(Path.of("/home/tester/.ssh/web"));

        SshSettings db1 = inventory.hosts().get("db1").ssh();
        assertThat(db1.password()).contains("s3cret");
        assertThat(db1.becomePassword()).contains("alsosecret");
    }

    @Test
    void defaultsForUnsetSettings() {
        SshSettings bastion = inventory.hosts().get("bastion").ssh();
        assertThat(bastion.host()).isEqualTo("203.0.113.7");
        assertThat(bastion.user()).isEqualTo("tester"); // the local user
        assertThat(bastion.port()).isEqualTo(22);
        assertThat(bastion.knownHosts()).isEqualTo(Path.of("/home/tester/.ssh/known_hosts"));
        assertThat(inventory.hosts().get("bastion").address()).isEqualTo("203.0.113.7");
    }

    @Test
    void otherValuesAreVariablesTypedLikeYamlPlainScalars() {
        assertThat(inventory.hosts().get("web1").vars()).containsOnlyKeys("http_port").containsEntry("http_port", 8080L);
        assertThat(inventory.hosts().get("web2").vars()).containsEntry("note", "hello world");
        assertThat(inventory.groups().get("prod").vars())
                .containsEntry("env", "production")
                .containsEntry("replicas", 2L)
                .containsEntry("debug", false)
                .containsEntry("mode", "0640")
                .doesNotContainKey("ansible_user");
    }

    @Test
    void unsupportedAnsibleVariablesAndUndefinedGroupsAreReportedWithAdvice() {
        Path file = InventoryFixtures.file("ini/unsupported.ini");
        assertThatThrownBy(() -> new InventoryReader(InventoryFixtures.TESTER).readFile(file))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    List<String> shown = e.problems().stream().map(Problem::toString).toList();
                    assertThat(shown).containsExactly(
                            file + ":2:6: Steward does not read 'ansible_ssh_common_args' (host 'web1') (for a"
                                    + " bastion use ssh.jump in a YAML inventory; other OpenSSH options are not"
                                    + " supported)",
                            file + ":2:53: Steward does not read 'ansible_become' (host 'web1') (use become: in the"
                                    + " play or task)",
                            file + ":2:73: Steward does not read 'ansible_weird' (host 'web1') (Steward does not"
                                    + " support it; remove it)",
                            file + ":5:14: ssh 'port' of group 'web' must be a whole number from 1 to 65535, not"
                                    + " 'twenty'",
                            file + ":7:2: [nosuch:vars] is for a group the inventory does not define (add a"
                                    + " [nosuch] section or fix the name)");
                });
    }

    @Test
    void aBareListOfHostsWithoutExtensionIsAnIniInventoryOfUngroupedHosts(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("hosts"), "alpha\nbeta ansible_port=2200\n");
        Inventory bare = new InventoryReader(InventoryFixtures.TESTER).readFile(file);
        assertThat(bare.groups().get("ungrouped").hosts()).containsExactly("alpha", "beta");
        assertThat(bare.hosts().get("beta").ssh().port()).isEqualTo(2200);
    }
}
