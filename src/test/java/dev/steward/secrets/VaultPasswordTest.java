package dev.steward.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultPasswordTest {

    @TempDir
    Path dir;

    private static final String PLAIN = "k: v\n";

    /** Whether {@code password} opens a vault written with {@code expected}: the password itself is never exposed. */
    private static void assertSame(VaultPassword password, String expected) {
        assertThat(password.get().sameAs(VaultPassword.Secret.of(expected))).isTrue();
    }

    @Test
    void aFileLosesOneTrailingNewlineOnly() throws IOException {
        assertSame(VaultPassword.file(Files.writeString(dir.resolve("a"), "s3cret\n")), "s3cret");
        assertSame(VaultPassword.file(Files.writeString(dir.resolve("b"), "s3cret\r\n")), "s3cret");
        assertSame(VaultPassword.file(Files.writeString(dir.resolve("c"), " s3cret \n\n")), " s3cret \n");
    }

    @Test
    void anExecutableFileIsRunAndItsOutputIsThePassword() throws IOException {
        Path script = Files.writeString(dir.resolve("pass.sh"), "#!/bin/sh\nprintf 'from-a-script\\n'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        assertSame(VaultPassword.file(script), "from-a-script");
        Path failing = Files.writeString(dir.resolve("fail.sh"), "#!/bin/sh\nexit 3\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwx------"));
        assertThatThrownBy(() -> VaultPassword.file(failing).get()).hasMessageContaining("failed with exit code 3");
    }

    @Test
    void theOptionWinsOverTheEnvironmentAndNeitherMeansNone() throws IOException {
        Path given = Files.writeString(dir.resolve("given"), "given-pw\n");
        Path env = Files.writeString(dir.resolve("env"), "env-pw\n");
        Map<String, String> environment = Map.of(VaultPassword.ENV, env.toString());
        assertSame(VaultPassword.configured(Optional.of(given), environment).orElseThrow(), "given-pw");
        assertSame(VaultPassword.configured(Optional.empty(), environment).orElseThrow(), "env-pw");
        assertThat(VaultPassword.configured(Optional.empty(), Map.of())).isEmpty();
    }

    @Test
    void aMissingOrEmptyFileIsNamed() throws IOException {
        assertThatThrownBy(() -> VaultPassword.file(dir.resolve("nope")).get())
                .hasMessageContaining("was not found");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> VaultPassword.file(empty).get()).hasMessageContaining("is empty");
    }

    @Test
    void thePasswordFromAFileOpensWhatItEncrypted() throws IOException {
        VaultPassword p = VaultPassword.file(Files.writeString(dir.resolve("p"), "pw-1234\n"));
        assertThat(StewardVault.decrypt(StewardVault.encrypt(PLAIN, p.get(), 1000), VaultPassword.Secret.of("pw-1234")))
                .isEqualTo(PLAIN);
        assertThat(p.toString()).doesNotContain("pw-1234");
    }
}
