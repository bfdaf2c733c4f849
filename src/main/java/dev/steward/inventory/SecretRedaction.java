package dev.steward.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides values that look secret before variables are shown: those whose key names a secret
 * (password, passphrase, secret, token, private key, API key), and any text holding private key
 * material, whatever its key. Errs on the side of hiding: a hidden value costs a look at the file,
 * a shown one may cost a node operator's wallet.
 */
public final class SecretRedaction {

    public static final String REDACTED = "<redacted>";

    private static final Pattern SECRET_KEY =
            Pattern.compile(".*(password|passwd|passphrase|secret|token|private_key|privatekey|api_key|apikey).*");

    private SecretRedaction() {
    }

    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    public static boolean looksLikeKeyMaterial(Object value) {
        return value instanceof String s && s.contains("PRIVATE KEY-----");
    }

    /** A copy of {@code vars} with secret-looking values replaced by {@value #REDACTED}, at any depth. */
    public static Map<String, Object> redact(Map<String, ?> vars) {
        Map<String, Object> out = new LinkedHashMap<>();
        vars.forEach((k, v) -> out.put(k, v != null && isSecretKey(k) ? REDACTED : redactValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object redactValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return redact((Map<String, ?>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(item -> out.add(redactValue(item)));
            return out;
        }
        return looksLikeKeyMaterial(v) ? REDACTED : v;
    }
}
