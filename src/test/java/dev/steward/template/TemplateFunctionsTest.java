package dev.steward.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.source.SourceLocation;
import dev.steward.vars.Vars;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateFunctionsTest {

    /** Every character that breaks a naive URL, TOML string or shell word, and some non-ASCII. */
    private static final String NASTY = "p@ss:w/rd?#[]%+ \"\\'$`!é€😀";

    private final TemplateEngine engine = new TemplateEngine();
    private final SourceLocation here = new SourceLocation("t.ftl", 1, 1);

    private String render(String template, Object value) {
        return engine.render(template, Vars.EMPTY.with("test", Map.of("x", value), here), here);
    }

    @Test
    void urlUserinfoIsRfc3986PercentEncodingNotFormEncoding() {
        String encoded = render("${url_userinfo(x)}", NASTY);
        assertThat(encoded).isEqualTo("p%40ss%3Aw%2Frd%3F%23%5B%5D%25%2B%20%22%5C%27%24%60%21"
                + "%C3%A9%E2%82%AC%F0%9F%98%80");
        assertThat(encoded).matches("[A-Za-z0-9._~%-]*"); // only unreserved characters and escapes
        assertThat(render("${url_userinfo(x)}", "A-Za.z_0~9")).isEqualTo("A-Za.z_0~9");
        assertThat(render("${url_userinfo(x)}", "a b+c")).isEqualTo("a%20b%2Bc"); // never '+' for a space

        // a URL built with it parses back to exactly the password
        URI uri = URI.create("postgresql://chainlink:" + encoded + "@db.example:5432/chainlink?sslmode=require");
        assertThat(uri.getHost()).isEqualTo("db.example");
        assertThat(uri.getPort()).isEqualTo(5432);
        assertThat(uri.getUserInfo()).isEqualTo("chainlink:" + NASTY);
        // '+' stays '+' when decoded as a form would, because it was encoded
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(NASTY);
    }

    @Test
    void tomlStringIsABasicStringWithTomlEscapes() {
        assertThat(render("${toml_string(x)}", NASTY))
                .isEqualTo("\"p@ss:w/rd?#[]%+ \\\"\\\\'$`!é€😀\"");
        assertThat(render("${toml_string(x)}", "a\tb\nc\rd\be\ff\u0001g\u007fh\u001fi"))
                .isEqualTo("\"a\\tb\\nc\\rd\\be\\ff\\u0001g\\u007Fh\\u001Fi\"");
        assertThat(render("${toml_string(x)}", "")).isEqualTo("\"\"");
        assertThat(render("${toml_string(x)}", 11155111L)).isEqualTo("\"11155111\""); // numbers as machines write them
        assertThat(render("${toml_string(x)}", true)).isEqualTo("\"true\"");
    }

    @Test
    void tomlStringMatchesTheFormTheReportMasks() {
        // the report masks a secret's TOML-escaped form; the function must write exactly that form
        assertThat(render("${toml_string(x)}", NASTY))
                .isEqualTo("\"" + dev.steward.report.SecretFormsAccess.tomlBasic(NASTY) + "\"");
        assertThat(render("${url_userinfo(x)}", NASTY)).isEqualTo(dev.steward.report.SecretFormsAccess.urlUserinfo(NASTY));
    }

    @Test
    void shellQuoteIsOneWordTheShellReadsBack() throws Exception {
        assertThat(render("${shell_quote(x)}", "it's")).isEqualTo("'it'\\''s'");
        assertThat(render("${shell_quote(x)}", "")).isEqualTo("''");
        for (String s : List.of(NASTY, "a b", "$(reboot)", "`id`", "x'; rm -rf / #", "-n", "line1\nline2")) {
            String word = render("${shell_quote(x)}", s);
            Process p = new ProcessBuilder("sh", "-c", "printf '%s' " + word).redirectErrorStream(true).start();
            String back = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            assertThat(back).isEqualTo(s);
        }
    }

    @Test
    void functionsWorkInExpressionsAndTemplateFilesAlike() {
        Vars v = Vars.EMPTY.with("test", Map.of("pw", "a@b", "user", "cl"), here);
        assertThat(engine.evaluate("${url_userinfo(user) + ':' + url_userinfo(pw)}", v, here)).isEqualTo("cl:a%40b");
        assertThat(engine.condition("url_userinfo(pw) == \"a%40b\"", v, here)).isTrue();
    }

    @Test
    void wrongUseIsAnErrorNamingTheFunction() {
        assertThatThrownBy(() -> render("${toml_string(x, x)}", "a"))
                .isInstanceOf(TemplateError.class).hasMessageContaining("toml_string() takes exactly one value");
        assertThatThrownBy(() -> render("${shell_quote(x)}", List.of("a")))
                .isInstanceOf(TemplateError.class).hasMessageContaining("shell_quote() takes text, a number or a boolean");
        assertThatThrownBy(() -> render("${url_userinfo(nope)}", "a"))
                .isInstanceOf(TemplateError.class).hasMessageContaining("url_userinfo() was given an undefined or null value");
    }

    @Test
    void aVariableOfTheSameNameWins() {
        assertThat(engine.render("${toml_string}", Vars.EMPTY.with("t", Map.of("toml_string", "mine"), here), here))
                .isEqualTo("mine");
    }

    private String compare(String a, String b) {
        return engine.render("${version_compare(a, b)}", Vars.EMPTY.with("test", Map.of("a", a, "b", b), here), here);
    }

    @Test
    void versionCompareOrdersSemanticVersionsNotText() {
        assertThat(compare("2.10.0", "2.9.0")).isEqualTo("1"); // as text, "2.10.0" < "2.9.0"
        assertThat(compare("2.10.0", "2.11.0")).isEqualTo("-1");
        assertThat(compare("2.11.0", "v2.11.0")).isEqualTo("0");
        assertThat(compare("2.11.0-beta1", "2.11.0")).isEqualTo("-1"); // a pre-release comes before its release
        assertThat(compare("2.11.0-beta.2", "2.11.0-beta.10")).isEqualTo("-1");
        assertThat(compare("2.11.0-rc.1", "2.11.0-beta.10")).isEqualTo("1");
        assertThat(compare("2.11.0+build5", "2.11.0")).isEqualTo("0");
        assertThat(engine.evaluate("${version_compare('2.11.0', '2.10.0') > 0}", Vars.EMPTY, here)).isEqualTo(true);
        assertThatThrownBy(() -> compare("latest", "2.10.0")).hasMessageContaining("'latest' is not a semantic version");
    }
}
