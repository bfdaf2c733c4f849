package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.inventory.Inventory;
import dev.steward.inventory.InventoryReader;
import dev.steward.inventory.LocalUser;
import dev.steward.playbook.Playbook;
import dev.steward.playbook.PlaybookReader;
import dev.steward.report.Redactor;
import dev.steward.secrets.StewardVault;
import dev.steward.secrets.VaultFiles;
import dev.steward.secrets.VaultPassword;
import dev.steward.source.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values from vault files are secrets for the run even when their names do not say so. */
class KnownSecretsVaultTest {

    @TempDir
    Path dir;

    @Test
    void everyValueOfAVaultFileIsMasked() throws IOException {
        VaultPassword.Secret pw = VaultPassword.Secret.of("engine-pw");
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/all.yml"), StewardVault.encrypt("api_user: Canary-user-7\n", pw, 1000));
        Files.writeString(dir.resolve("vault.yml"), StewardVault.encrypt("node_key: Canary-key-8\n", pw, 1000));
        Path inv = Files.writeString(dir.resolve("inventory.yml"), "all:\n  hosts:\n    h1: {ssh: {host: 10.0.0.1}}\n");
        Path site = Files.writeString(dir.resolve("site.yml"),
                "- hosts: all\n  vars_files: [vault.yml]\n  tasks:\n    - command: echo ${node_key}\n");
        VaultFiles vault = VaultFiles.with(VaultPassword.of("engine-pw"));
        Inventory inventory = new InventoryReader(new LocalUser("t", dir), vault).readFile(inv);
        Problems problems = new Problems();
        Playbook playbook = new PlaybookReader(new Engine().catalog(), vault).read(site, problems);
        assertThat(problems.isEmpty()).isTrue();

        Redactor redactor = new Redactor(KnownSecrets.of(inventory, playbook, Map.of(), vault.secrets()));
        assertThat(redactor.redact("echo Canary-key-8 as Canary-user-7"))
                .isEqualTo("echo ******** as ********");
    }

    @Test
    void theEngineReadsVaultsWithThePasswordItWasGiven() throws IOException {
        Files.writeString(dir.resolve("vault.yml"), StewardVault.encrypt("node_key: Canary-key-9\n",
                VaultPassword.Secret.of("engine-pw"), 1000));
        Path inv = Files.writeString(dir.resolve("inventory.yml"), "all:\n  hosts:\n    h1: {ssh: {host: 10.0.0.1}}\n");
        Path site = Files.writeString(dir.resolve("site.yml"),
                "- hosts: all\n  gather_facts: false\n  vars_files: [vault.yml]\n  tasks:\n    - command: echo ${node_key}\n");
        Engine.Prepared p = new Engine().withVault(VaultFiles.with(VaultPassword.of("engine-pw")))
                .prepare(site, inv, java.util.Optional.empty(), java.util.List.of());
        assertThat(p.playbook().plays().get(0).varsFiles().get(0).vars()).containsEntry("node_key", "Canary-key-9");
    }
}
