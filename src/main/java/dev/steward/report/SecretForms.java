package dev.steward.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import dev.steward.template.Escapes;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The forms a secret takes where Steward puts it, so each can be masked:
 * <ul>
 * <li>raw;</li>
 * <li>URL-escaped as in a URL's userinfo (RFC 3986: every byte of the UTF-8 form but the unreserved
 * {@code A-Z a-z 0-9 - . _ ~} as {@code %XX}), with upper- and lower-case hex digits;</li>
 * <li>TOML basic-string escaped ({@code \"}, {@code \\}, {@code \b \t \n \f \r}, other control
 * characters as {@code \}{@code uXXXX});</li>
 * <li>JSON string escaped (the same short escapes, {@code \}{@code u00XX} for other control
 * characters; also with {@code /} written {@code \/});</li>
 * <li>base64 of the secret alone: standard and URL-safe alphabets, with and without padding.</li>
 * </ul>
 * A secret encoded together with other bytes (base64 of {@code user:password}) has no fixed form
 * and is not covered.
 */
final class SecretForms {

    private SecretForms() {
    }

    static Set<String> of(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        String url = urlUserinfo(secret);
        forms.add(url);
        forms.add(lowerHexEscapes(url));
        forms.add(tomlBasic(secret));
        String json = json(secret);
        forms.add(json);
        forms.add(json.replace("/", "\\/"));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        return forms;
    }

    /** RFC 3986 percent-encoding, as the templates write a password into a database URL. */
    static String urlUserinfo(String s) {
        return Escapes.urlUserinfo(s);
    }

    private static String lowerHexEscapes(String url) {
        StringBuilder out = new StringBuilder(url);
        for (int i = 0; i < out.length(); i++) {
            if (out.charAt(i) == '%') {
                out.setCharAt(i + 1, Character.toLowerCase(out.charAt(i + 1)));
                out.setCharAt(i + 2, Character.toLowerCase(out.charAt(i + 2)));
            }
        }
        return out.toString();
    }

    /** The inside of a TOML basic string ("…") holding {@code s}, as the templates write it. */
    static String tomlBasic(String s) {
        String quoted = Escapes.tomlString(s);
        return quoted.substring(1, quoted.length() - 1);
    }

    /** The inside of a JSON string holding {@code s}, as Jackson (the JSON output) writes it. */
    static String json(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }
}
