package dev.steward.report;

/** Lets tests outside the package compare with the forms the report masks. */
public final class SecretFormsAccess {

    private SecretFormsAccess() {
    }

    /** Every form of {@code s} the report masks: raw, URL-escaped, TOML- and JSON-escaped, base64. */
    public static java.util.Set<String> forms(String s) {
        return SecretForms.of(s);
    }

    public static String tomlBasic(String s) {
        return SecretForms.tomlBasic(s);
    }

    public static String urlUserinfo(String s) {
        return SecretForms.urlUserinfo(s);
    }
}
