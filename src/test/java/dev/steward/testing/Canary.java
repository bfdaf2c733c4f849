package dev.steward.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.report.SecretFormsAccess;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * A secret made to be looked for: a value unique to one test run, and every form Steward could
 * write it in (raw, URL-escaped, TOML- and JSON-escaped, base64; see report.SecretForms), plus its
 * random token alone, which survives the escaping of logs that quote or octal-escape (sudo's). A
 * text "leaks" the canary when it holds any of those.
 *
 * @param value the secret, e.g. {@code Canary"S3cret/é+1a2b3c4d5e6f}: a quote, a slash, a plus and a
 *     non-ASCII letter, so its escaped forms differ from the raw one
 * @param token the random part, unique to this canary
 */
public record Canary(String value, String token) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new canary: {@code prefix}, then characters every escaping changes, then random hex. */
    public static Canary random(String prefix) {
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        String token = HexFormat.of().formatHex(nonce);
        return new Canary(prefix + "\"S3cret/é+" + token, token);
    }

    /** Every form of the value the report masks, and the token. */
    public Set<String> forms() {
        Set<String> forms = new java.util.LinkedHashSet<>(SecretFormsAccess.forms(value));
        forms.add(token);
        return forms;
    }

    /** The form of the canary found in {@code text}, or null: so a failure says which. */
    public String foundIn(String text) {
        return forms().stream().filter(text::contains).findFirst().orElse(null);
    }

    /** Fails naming {@code where} and the form when any form of the canary is in {@code text}. */
    public void assertNotIn(String where, String text) {
        assertThat(foundIn(text)).as("a form of the canary secret in %s", where).isNull();
    }
}
