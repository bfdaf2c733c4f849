package dev.steward.template;

import java.nio.charset.StandardCharsets;

/**
 * How a value is written where it lands, so that the reader gets back exactly the value: the
 * userinfo of a URL, a TOML string, a POSIX shell word. Templates reach these as
 * {@code ${url_userinfo(x)}}, {@code ${toml_string(x)}} and {@code ${shell_quote(x)}}
 * ({@link TemplateFunctions}). The report's secret masking knows the first two forms.
 */
public final class Escapes {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Escapes() {
    }

    /**
     * RFC 3986 percent-encoding for a URL's userinfo (user or password): every byte of the UTF-8 form
     * except the unreserved {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XX} (upper-case hex). Not form
     * encoding: a space is {@code %20}, never {@code +}, and {@code +} is {@code %2B}. Sub-delimiters
     * that RFC 3986 would allow in userinfo ({@code !$&'()*+,;=}) are encoded too: some URL parsers
     * (libpq's among them) decode them, others trip over them, and encoded they mean the same.
     */
    public static String urlUserinfo(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * A TOML basic string, quotes included: {@code "} and {@code \} escaped, the short escapes
     * {@code \b \t \n \f \r}, other control characters (U+0000–U+001F, U+007F) as {@code \}{@code uXXXX};
     * everything else, non-ASCII included, as itself (TOML files are UTF-8).
     */
    public static String tomlString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
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
                    if (c < 0x20 || c == 0x7f) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /**
     * One POSIX shell word that the shell reads back as exactly {@code s}: wrapped in single quotes,
     * a single quote inside written {@code '\''}. The empty string is {@code ''}.
     */
    public static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
