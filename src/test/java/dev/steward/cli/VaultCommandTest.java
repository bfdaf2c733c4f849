package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.secrets.AnsibleVaultFixture;
import dev.steward.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steward vault …} end to end, in process, with password files in a temporary folder. */
class VaultCommandTest {

    private static final String PLAIN = "db_password: Canary-vault-0042\nport: 5432\n";

    @TempDir
    Path dir;

    private Path pw;
    private Path otherPw;

    @BeforeEach
    void passwords() throws IOException {
        pw = Files.writeString(dir.resolve("pw"), "first-password\n");
        otherPw = Files.writeString(dir.resolve("pw2"), "second-password\n");
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private Path vault() throws IOException {
        Path file = dir.resolve("secrets.yml");
        CliRun r = CliRun.withStdin(PLAIN, "vault", "create", "--stdin", "--vault-password-file", pw.toString(),
                file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return file;
    }

    @Test
    void createFromStdinThenViewRoundTrips() throws IOException {
        Path file = vault();
        String text = Files.readString(file);
        assertThat(text).startsWith("$STEWARD_VAULT;1;AES256-GCM;PBKDF2-SHA256;600000\n").doesNotContain("Canary");
        assertThat(mode(file)).isEqualTo("rw-------");
        CliRun view = CliRun.of("vault", "view", "--vault-password-file", pw.toString(), file.toString());
        assertThat(view.exitCode()).isZero();
        assertThat(view.out()).isEqualTo(PLAIN);
        assertThat(view.err()).doesNotContain("first-password");
        assertThat(CliRun.of("vault", "create", "--stdin", "--vault-password-file", pw.toString(), file.toString())
                .err()).contains("already exists");
    }

    @Test
    void aWrongPasswordExitsOneWithAClearMessageAndNoStackTrace() throws IOException {
        Path file = vault();
        CliRun r = CliRun.of("vault", "view", "--vault-password-file", otherPw.toString(), file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("the vault password is wrong or the file was changed")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("    at ");
    }

    @Test
    void aTamperedFileFailsAuthenticationClearly() throws IOException {
        Path file = vault();
        String text = Files.readString(file);
        int at = text.indexOf('\n') + 30;
        Files.writeString(file, text.substring(0, at) + (text.charAt(at) == 'Q' ? 'R' : 'Q') + text.substring(at + 1));
        CliRun r = CliRun.of("vault", "decrypt", "--vault-password-file", pw.toString(), file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("the vault password is wrong or the file was changed");
        assertThat(Files.readString(file)).startsWith("$STEWARD_VAULT");
    }

    @Test
    void badOptionsExitFive() {
        assertThat(CliRun.of("vault", "view").exitCode()).isEqualTo(5);
        assertThat(CliRun.of("vault", "frobnicate", "x").exitCode()).isEqualTo(5);
        assertThat(CliRun.of("vault").exitCode()).isEqualTo(5);
    }

    @Test
    void encryptAndDecryptInPlaceKeepTheFilePrivate() throws IOException {
        Path file = Files.writeString(dir.resolve("vars.yml"), PLAIN);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(CliRun.of("vault", "encrypt", "--vault-password-file", pw.toString(), file.toString()).exitCode()).isZero();
        assertThat(Files.readString(file)).startsWith("$STEWARD_VAULT;1;").doesNotContain("Canary");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(CliRun.of("vault", "encrypt", "--vault-password-file", pw.toString(), file.toString()).err())
                .contains("already a Steward vault");
        assertThat(CliRun.of("vault", "decrypt", "--vault-password-file", pw.toString(), file.toString()).exitCode()).isZero();
        assertThat(Files.readString(file)).isEqualTo(PLAIN);
        assertThat(mode(file)).isEqualTo("rw-------");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void rekeyTakesTheNewPasswordFromItsFile() throws IOException {
        Path file = vault();
        CliRun r = CliRun.of("vault", "rekey", "--vault-password-file", pw.toString(),
                "--new-vault-password-file", otherPw.toString(), file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(CliRun.of("vault", "view", "--vault-password-file", pw.toString(), file.toString()).exitCode()).isEqualTo(1);
        assertThat(CliRun.of("vault", "view", "--vault-password-file", otherPw.toString(), file.toString()).out())
                .isEqualTo(PLAIN);
    }

    @Test
    void anAnsibleVaultIsViewedAndRekeyedIntoStewardsFormat() throws IOException {
        Path file = Files.writeString(dir.resolve("ansible.yml"), AnsibleVaultFixture.version12());
        Path ansiblePw = Files.writeString(dir.resolve("apw"), AnsibleVaultFixture.PASSWORD + "\n");
        assertThat(CliRun.of("vault", "view", "--vault-password-file", ansiblePw.toString(), file.toString()).out())
                .isEqualTo(AnsibleVaultFixture.PLAIN);
        assertThat(CliRun.of("vault", "rekey", "--vault-password-file", ansiblePw.toString(),
                "--new-vault-password-file", pw.toString(), file.toString()).exitCode()).isZero();
        assertThat(Files.readString(file)).startsWith("$STEWARD_VAULT;1;");
        assertThat(CliRun.of("vault", "view", "--vault-password-file", pw.toString(), file.toString()).out())
                .isEqualTo(AnsibleVaultFixture.PLAIN);
    }

    /** An editor that logs the path it was given, then appends a line to the file. */
    private Path editor(String body) throws IOException {
        Path script = Files.writeString(dir.resolve("editor.sh"), "#!/bin/sh\n"
                + "printf '%s\\n' \"$1\" >> '" + dir.resolve("edited-paths") + "'\n"
                + "stat -c %a \"$1\" >> '" + dir.resolve("edited-modes") + "'\n"
                + "stat -c %a \"$(dirname \"$1\")\" >> '" + dir.resolve("edited-modes") + "'\n"
                + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private Path editedPath() throws IOException {
        return Path.of(Files.readAllLines(dir.resolve("edited-paths")).get(0));
    }

    @Test
    void editReencryptsWhatTheEditorChangedAndLeavesNoPlaintextBehind() throws IOException {
        Path file = vault();
        Path script = editor("printf 'new_token: Canary-edit-0099\\n' >> \"$1\"\n");
        CliRun r = CliRun.of("vault", "edit", "--editor", script.toString(), "--vault-password-file", pw.toString(),
                file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(file)).startsWith("$STEWARD_VAULT;1;").doesNotContain("Canary");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(CliRun.of("vault", "view", "--vault-password-file", pw.toString(), file.toString()).out())
                .isEqualTo(PLAIN + "new_token: Canary-edit-0099\n");

        Path edited = editedPath();
        if (Files.isDirectory(Path.of("/dev/shm"))) {
            assertThat(edited).startsWithRaw(Path.of("/dev/shm"));
        }
        assertThat(edited.getFileName().toString()).isEqualTo("secrets.yml");
        assertThat(Files.readAllLines(dir.resolve("edited-modes"))).containsExactly("600", "700");
        assertThat(edited).doesNotExist();
        assertThat(edited.getParent()).doesNotExist();
    }

    @Test
    void editWithoutAChangeLeavesTheVaultByteForByte() throws IOException {
        Path file = vault();
        byte[] before = Files.readAllBytes(file);
        CliRun r = CliRun.of("vault", "edit", "--editor", editor("").toString(), "--vault-password-file", pw.toString(),
                file.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("No change");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(editedPath().getParent()).doesNotExist();
    }

    @Test
    void aFailingEditorChangesNothingAndStillRemovesThePlaintextAndTheEditorsLeftovers() throws IOException {
        Path file = vault();
        byte[] before = Files.readAllBytes(file);
        Path script = editor("echo changed >> \"$1\"; cp \"$1\" \"$1.swp\"; exit 7\n");
        CliRun r = CliRun.of("vault", "edit", "--editor", script.toString(), "--vault-password-file", pw.toString(),
                file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("exited with code 7").contains("the vault is unchanged");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(editedPath().getParent()).doesNotExist();
    }

    @Test
    void checkOpensVaultVarsFilesWithThePasswordFileAndOtherwiseSaysHowToGiveOne() throws IOException {
        Path secrets = vault();
        Path inventory = Files.writeString(dir.resolve("inventory.yml"),
                "all:\n  hosts:\n    h1: {ssh: {host: 10.0.0.1}}\n");
        Path site = Files.writeString(dir.resolve("site.yml"), "- hosts: all\n  gather_facts: false\n  vars_files: ["
                + secrets.getFileName() + "]\n  tasks:\n    - command: echo ${db_password}\n");
        CliRun ok = CliRun.of("check", site.toString(), "-i", inventory.toString(), "--vault-password-file", pw.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        CliRun missing = CliRun.of("check", site.toString(), "-i", inventory.toString());
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.err()).contains("secrets.yml:1:1").contains("is a vault: give --vault-password-file");
        CliRun wrong = CliRun.of("check", site.toString(), "-i", inventory.toString(), "--vault-password-file",
                otherPw.toString());
        assertThat(wrong.exitCode()).isEqualTo(4);
        assertThat(wrong.err()).contains("the vault password is wrong or the file was changed")
                .doesNotContain("second-password");
    }
}
