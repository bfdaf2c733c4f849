package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.secrets.AnsibleVaultFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private record Run(int code, String out, String err) {
    }

    @BeforeEach
    void passwords() throws IOException {
        pw = Files.writeString(dir.resolve("pw"), "first-password\n");
        otherPw = Files.writeString(dir.resolve("pw2"), "second-password\n");
    }

    private static synchronized Run withStdin(String stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    private static Run steward(String... args) {
        return withStdin("", args);
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private Path vault() throws IOException {
        Path file = dir.resolve("secrets.yml");
        Run r = withStdin(PLAIN, "vault", "create", "--stdin", "--vault-password-file", pw.toString(), file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return file;
    }

    @Test
    void createFromStdinThenViewRoundTrips() throws IOException {
        Path file = vault();
        String text = Files.readString(file);
        assertThat(text).startsWith("$STEWARD_VAULT;1;AES256-GCM;PBKDF2-SHA256;600000\n").doesNotContain("Canary");
        assertThat(mode(file)).isEqualTo("rw-------");
        Run view = steward("vault", "view", "--vault-password-file", pw.toString(), file.toString());
        assertThat(view.code()).isZero();
        assertThat(view.out()).isEqualTo(PLAIN);
        assertThat(view.err()).doesNotContain("first-password");
        assertThat(steward("vault", "create", "--stdin", "--vault-password-file", pw.toString(), file.toString())
                .err()).contains("already exists");
    }

    @Test
    void aWrongPasswordExitsOneWithAClearMessageAndNoStackTrace() throws IOException {
        Path file = vault();
        Run r = steward("vault", "view", "--vault-password-file", otherPw.toString(), file.toString());
        assertThat(r.code()).isEqualTo(1);
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
        Run r = steward("vault", "decrypt", "--vault-password-file", pw.toString(), file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("the vault password is wrong or the file was changed");
        assertThat(Files.readString(file)).startsWith("$STEWARD_VAULT");
    }

    @Test
    void badOptionsExitFive() {
        assertThat(steward("vault", "view").code()).isEqualTo(5);
        assertThat(steward("vault", "frobnicate", "x").code()).isEqualTo(5);
        assertThat(steward("vault").code()).isEqualTo(5);
    }

    @Test
    void encryptAndDecryptInPlaceKeepTheFilePrivate() throws IOException {
        Path file = Files.writeString(dir.resolve("vars.yml"), PLAIN);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(steward("vault", "encrypt", "--vault-password-file", pw.toString(), file.toString()).code()).isZero();
        assertThat(Files.readString(file)).startsWith("$STEWARD_VAULT;1;").doesNotContain("Canary");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(steward("vault", "encrypt", "--vault-password-file", pw.toString(), file.toString()).err())
                .contains("already a Steward vault");
        assertThat(steward("vault", "decrypt", "--vault-password-file", pw.toString(), file.toString()).code()).isZero();
        assertThat(Files.readString(file)).isEqualTo(PLAIN);
        assertThat(mode(file)).isEqualTo("rw-------");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void rekeyTakesTheNewPasswordFromItsFile() throws IOException {
        Path file = vault();
        Run r = steward("vault", "rekey", "--vault-password-file", pw.toString(),
                "--new-vault-password-file", otherPw.toString(), file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(steward("vault", "view", "--vault-password-file", pw.toString(), file.toString()).code()).isEqualTo(1);
        assertThat(steward("vault", "view", "--vault-password-file", otherPw.toString(), file.toString()).out())
                .isEqualTo(PLAIN);
    }

    @Test
    void anAnsibleVaultIsViewedAndRekeyedIntoStewardsFormat() throws IOException {
        Path file = Files.writeString(dir.resolve("ansible.yml"), AnsibleVaultFixture.version12());
        Path ansiblePw = Files.writeString(dir.resolve("apw"), AnsibleVaultFixture.PASSWORD + "\n");
        assertThat(steward("vault", "view", "--vault-password-file", ansiblePw.toString(), file.toString()).out())
                .isEqualTo(AnsibleVaultFixture.PLAIN);
        assertThat(steward("vault", "rekey", "--vault-password-file", ansiblePw.toString(),
                "--new-vault-password-file", pw.toString(), file.toString()).code()).isZero();
        assertThat(Files.readString(file)).startsWith("$STEWARD_VAULT;1;");
        assertThat(steward("vault", "view", "--vault-password-file", pw.toString(), file.toString()).out())
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
        Run r = steward("vault", "edit", "--editor", script.toString(), "--vault-password-file", pw.toString(),
                file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(file)).startsWith("$STEWARD_VAULT;1;").doesNotContain("Canary");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(steward("vault", "view", "--vault-password-file", pw.toString(), file.toString()).out())
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
        Run r = steward("vault", "edit", "--editor", editor("").toString(), "--vault-password-file", pw.toString(),
                file.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("No change");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(editedPath().getParent()).doesNotExist();
    }

    @Test
    void aFailingEditorChangesNothingAndStillRemovesThePlaintextAndTheEditorsLeftovers() throws IOException {
        Path file = vault();
        byte[] before = Files.readAllBytes(file);
        Path script = editor("echo changed >> \"$1\"; cp \"$1\" \"$1.swp\"; exit 7\n");
        Run r = steward("vault", "edit", "--editor", script.toString(), "--vault-password-file", pw.toString(),
                file.toString());
        assertThat(r.code()).isEqualTo(1);
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
        Run ok = steward("check", site.toString(), "-i", inventory.toString(), "--vault-password-file", pw.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        Run missing = steward("check", site.toString(), "-i", inventory.toString());
        assertThat(missing.code()).isEqualTo(4);
        assertThat(missing.err()).contains("secrets.yml:1:1").contains("is a vault: give --vault-password-file");
        Run wrong = steward("check", site.toString(), "-i", inventory.toString(), "--vault-password-file",
                otherPw.toString());
        assertThat(wrong.code()).isEqualTo(4);
        assertThat(wrong.err()).contains("the vault password is wrong or the file was changed")
                .doesNotContain("second-password");
    }
}
