package dev.steward.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A file that holds a secret never shows its content in a diff; other files show theirs. */
class RedactorDiffTest {

    private static final String SECRET = "p@ss:w/rd \"q\"é";
    private final Redactor redactor = new Redactor(List.of(SECRET));

    @Test
    void aFileWithASecretShowsOnlyItsHeader() {
        String diff = "--- before: /opt/app/secrets.toml\n+++ after: /opt/app/secrets.toml\n@@ -1,2 +1,2 @@\n"
                + " [Database]\n-URL = \"postgresql://cl:old@db/cl\"\n+URL = \"postgresql://cl:"
                + SecretForms.urlUserinfo(SECRET) + "@db/cl\"\n";
        assertThat(redactor.redactDiff(diff)).isEqualTo("--- before: /opt/app/secrets.toml\n"
                + "+++ after: /opt/app/secrets.toml\n" + Redactor.SECRET_FILE_NOTE + "\n");
    }

    @Test
    void aFileWithoutASecretShowsItsDiff() {
        String diff = "--- before: /etc/app.conf\n+++ after: /etc/app.conf\n@@ -1,1 +1,1 @@\n-port = 1\n+port = 2\n";
        assertThat(redactor.redactDiff(diff)).isEqualTo(diff);
    }

    @Test
    void aSecretInThePathIsMaskedThere() {
        String diff = "--- before: /tmp/" + SECRET + "\n+++ after: /tmp/" + SECRET + "\n@@ -0,0 +1,1 @@\n+x\n";
        assertThat(redactor.redactDiff(diff)).isEqualTo("--- before: /tmp/********\n+++ after: /tmp/********\n"
                + Redactor.SECRET_FILE_NOTE + "\n");
    }
}
