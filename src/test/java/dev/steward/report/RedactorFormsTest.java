package dev.steward.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A secret is masked in every form Steward writes it in. */
class RedactorFormsTest {

    private static final String SECRET = "p@ss:w/rd \"q\"\\é+~";
    private final Redactor redactor = new Redactor(List.of(SECRET));

    private void masked(String form) {
        assertThat(form).isNotEqualTo(SECRET);
        assertThat(redactor.redact("before " + form + " after")).isEqualTo("before ******** after");
    }

    @Test
    void raw() {
        assertThat(redactor.redact("x=" + SECRET)).isEqualTo("x=********");
    }

    @Test
    void urlEscapedAsRfc3986Userinfo() {
        String escaped = "p%40ss%3Aw%2Frd%20%22q%22%5C%C3%A9%2B~";
        assertThat(SecretForms.urlUserinfo(SECRET)).isEqualTo(escaped);
        masked(escaped);
        masked(java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(escaped) // lower-case hex digits too
                .replaceAll(m -> m.group().toLowerCase()));
        assertThat(redactor.redact("postgresql://cl:" + escaped + "@db:5432/cl"))
                .isEqualTo("postgresql://cl:********@db:5432/cl");
    }

    @Test
    void tomlStringEscaped() {
        String toml = "p@ss:w/rd \\\"q\\\"\\\\é+~";
        assertThat(SecretForms.tomlBasic(SECRET)).isEqualTo(toml);
        assertThat(redactor.redact("Password = \"" + toml + "\"")).isEqualTo("Password = \"********\"");
        assertThat(SecretForms.tomlBasic("a\tb\u0001")).isEqualTo("a\\tb\\u0001");
    }

    @Test
    void jsonEscaped() {
        String json = "p@ss:w/rd \\\"q\\\"\\\\é+~";
        masked(json);
        masked(json.replace("/", "\\/"));
        assertThat(SecretForms.json("a\nb\u0002")).isEqualTo("a\\nb\\u0002");
    }

    @Test
    void base64StandardAndUrlSafeWithAndWithoutPadding() {
        String secret = "tok>?~x"; // its base64 has padding, '+' and so a different URL-safe form
        Redactor redactor = new Redactor(List.of(secret));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        String standard = Base64.getEncoder().encodeToString(bytes);
        String urlSafe = Base64.getUrlEncoder().encodeToString(bytes);
        assertThat(standard).contains("=").isNotEqualTo(urlSafe);
        for (String form : List.of(standard, Base64.getEncoder().withoutPadding().encodeToString(bytes), urlSafe,
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))) {
            assertThat(redactor.redact("Authorization: " + form + ".")).isEqualTo("Authorization: ********.");
        }
    }

    @Test
    void aPlainSecretHasNoExtraForms() {
        Redactor plain = new Redactor(List.of("abcd1234"));
        assertThat(plain.redact("abcd1234 and " + Base64.getEncoder().encodeToString("abcd1234".getBytes())))
                .isEqualTo("******** and ********");
        assertThat(plain.redact("abcd123")).isEqualTo("abcd123");
    }
}
