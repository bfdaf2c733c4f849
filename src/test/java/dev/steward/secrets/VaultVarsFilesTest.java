package dev.steward.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.engine.Engine;
import dev.steward.inventory.Inventory;
import dev.steward.inventory.InventoryReader;
import dev.steward.inventory.LocalUser;
import dev.steward.playbook.Playbook;
import dev.steward.playbook.PlaybookReader;
import dev.steward.source.Problem;
import dev.steward.source.Problems;
import dev.steward.source.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** group_vars, host_vars and vars_files that are whole vault files, opened with the password given. */
class VaultVarsFilesTest {

    @TempDir
    Path dir;

    private static final VaultPassword.Secret PASSWORD = VaultPassword.Secret.of("vars-vault-pw");
    private static final LocalUser USER = new LocalUser("tester", Path.of("/home/tester"));

    private Path inventory() throws IOException {
        Files.createDirectories(dir.resolve("group_vars"));
        Files.createDirectories(dir.resolve("host_vars"));
        Files.writeString(dir.resolve("group_vars/nodes.yml"), StewardVault.encrypt("""
                db_url_password: "Canary-1234-group"
                rpc: [wss://a.example, wss://b.example]
                """, PASSWORD, 1000));
        return Files.writeString(dir.resolve("inventory.yml"), """
                all:
                  children:
                    nodes:
                      hosts:
                        n1: {ssh: {host: 10.0.0.1}}
                """);
    }

    @Test
    void inventoryVarsFilesThatAreVaultsAreReadIntoVariablesAndRememberedAsSecrets() throws IOException {
        Path file = inventory();
        VaultFiles vault = VaultFiles.with(VaultPassword.of("vars-vault-pw"));
        Files.writeString(dir.resolve("host_vars/n1.yml"), StewardVault.encrypt("api_user: operator-xyz\n",
                PASSWORD, 1000));
        Inventory inv = new InventoryReader(USER, vault).readFile(file);
        assertThat(inv.varsFor("n1")).containsEntry("db_url_password", "Canary-1234-group")
                .containsEntry("api_user", "operator-xyz");
        assertThat(inv.varsFor("n1").get("rpc")).asList().containsExactly("wss://a.example", "wss://b.example");
        assertThat(vault.secrets().values()).contains("Canary-1234-group", "operator-xyz", "wss://a.example")
                .doesNotContain("db_url_password", "api_user");
    }

    @Test
    void anAnsibleVaultVarsFileIsReadToo() throws IOException {
        Path file = inventory();
        Files.writeString(dir.resolve("group_vars/nodes.yml"), "plain: 1\n");
        Files.writeString(dir.resolve("host_vars/n1.yml"), AnsibleVaultTest.vector("ansible-1.1.vault"));
        VaultFiles vault = VaultFiles.with(VaultPassword.of("correct horse battery staple"));
        Inventory inv = new InventoryReader(USER, vault).readFile(file);
        assertThat(inv.varsFor("n1")).containsEntry("db_password", "s3cret-from-ansible")
                .containsEntry("rpc_token", "tok-9f8e7d6c");
    }

    @Test
    void withoutAPasswordAVaultIsAProblemAtItsFirstLine() throws IOException {
        Path file = inventory();
        assertThatThrownBy(() -> new InventoryReader(USER, VaultFiles.none()).readFile(file))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::toString)
                        .anySatisfy(p -> assertThat(p).contains("group_vars/nodes.yml:1:1")
                                .contains("nodes.yml is a vault: give --vault-password-file")));
    }

    @Test
    void aWrongPasswordIsAProblemNamingTheFileNotAStackTrace() throws IOException {
        Path file = inventory();
        assertThatThrownBy(() -> new InventoryReader(USER, VaultFiles.with(VaultPassword.of("nope"))).readFile(file))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("nodes.yml:1:1")
                .hasMessageContaining(VaultException.WRONG_PASSWORD_MESSAGE);
    }

    @Test
    void playVarsFilesMayBeVaults() throws IOException {
        Files.writeString(dir.resolve("secrets.yml"), StewardVault.encrypt("keystore_password: Canary-5678-play\n",
                PASSWORD, 1000));
        Path playbook = Files.writeString(dir.resolve("site.yml"), """
                - hosts: all
                  vars_files: [secrets.yml]
                  tasks:
                    - command: echo hi
                """);
        VaultFiles vault = VaultFiles.with(VaultPassword.of("vars-vault-pw"));
        Problems problems = new Problems();
        Playbook book = new PlaybookReader(new Engine().catalog(), vault).read(playbook, problems);
        assertThat(problems.isEmpty()).isTrue();
        assertThat(book.plays().get(0).varsFiles().get(0).vars()).containsEntry("keystore_password", "Canary-5678-play");
        assertThat(vault.secrets().values()).contains("Canary-5678-play");

        Problems without = new Problems();
        new PlaybookReader(new Engine().catalog()).read(playbook, without);
        assertThat(without.isEmpty()).isFalse();
        assertThat(without.list().toString()).contains("secrets.yml:1:1").contains("is a vault: give --vault-password-file");
    }
}
