package dev.steward.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

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

    /** RFC 3986 percent-encoding of everything but unreserved characters. */
    static String urlUserinfo(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
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

    /** The inside of a TOML basic string ("…") holding {@code s}. */
    static String tomlBasic(String s) {
        return escaped(s, true);
    }

    /** The inside of a JSON string holding {@code s}, as Jackson writes it. */
    static String json(String s) {
        return escaped(s, false);
    }

    /**
     * {@code s} with the short escapes TOML and JSON share, other control characters as
     * {@code \}{@code uXXXX}; DEL too when {@code escapeDelete} (TOML does, JSON does not).
     */
    private static String escaped(String s, boolean escapeDelete) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || (escapeDelete && c == 0x7f)) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
