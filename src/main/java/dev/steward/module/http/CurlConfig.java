package dev.steward.module.http;

import dev.steward.module.Args;
import dev.steward.module.ModuleFailure;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A curl config, sent on curl's stdin ({@code curl -K -}): the URL, headers, credentials and body
 * travel there, never on the command line where {@code ps} and sudo's log would show them.
 */
final class CurlConfig {

    static final List<Param> PARAMS = List.of(
            Param.optional("headers", ParamType.MAP, "request headers, name: value (sent on curl's stdin, not its command line)"),
            Param.optional("url_username", ParamType.STRING, "a user for HTTP basic authentication").aliases("user"),
            Param.optional("url_password", ParamType.STRING, "its password (sent on curl's stdin)").aliases("password"),
            Param.optional("validate_certs", ParamType.BOOL, "check the server's TLS certificate (default true)"),
            Param.optional("timeout", ParamType.INT, "seconds the whole request may take"));

    private final StringBuilder text = new StringBuilder();

    CurlConfig(String url) {
        option("url", url);
    }

    /** The URL, headers and credentials from the common parameters. */
    static CurlConfig of(Args args, String url) throws ModuleFailure {
        CurlConfig c = new CurlConfig(url);
        if (args.raw("headers") instanceof Map<?, ?> headers) {
            for (Map.Entry<?, ?> h : headers.entrySet()) {
                String name = String.valueOf(h.getKey());
                if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw new ModuleFailure("'" + name + "' is not a valid HTTP header name");
                }
                c.option("header", name + ": " + h.getValue());
            }
        } else if (args.has("headers")) {
            throw new ModuleFailure("'headers' must be a map of name: value");
        }
        if (args.has("url_username")) {
            c.option("user", args.required("url_username") + ":" + args.string("url_password").orElse(""));
        }
        return c;
    }

    /** Whether the request already names this header (case-insensitive). */
    static boolean hasHeader(Args args, String name) {
        return args.raw("headers") instanceof Map<?, ?> h
                && h.keySet().stream().anyMatch(k -> String.valueOf(k).equalsIgnoreCase(name));
    }

    CurlConfig option(String name, String value) {
        text.append(name).append(" = \"").append(escape(value)).append("\"\n");
        return this;
    }

    /** The flags that are no secret, for the command line: quiet but with errors, timeout, TLS checking. */
    static String flags(Args args, long defaultTimeout) throws ModuleFailure {
        long timeout = args.integer("timeout").orElse(defaultTimeout);
        if (timeout <= 0) {
            throw new ModuleFailure("'timeout' must be at least 1 second");
        }
        return "--silent --show-error --max-time " + timeout
                + (args.bool("validate_certs").orElse(true) ? "" : " --insecure");
    }

    InputStream stdin() {
        return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t");
    }
}
