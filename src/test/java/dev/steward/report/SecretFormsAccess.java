package dev.steward.report;

/** Lets tests outside the package compare with the forms the report masks. */
public final class SecretFormsAccess {

    private SecretFormsAccess() {
    }

    public static String tomlBasic(String s) {
        return SecretForms.tomlBasic(s);
    }

    public static String urlUserinfo(String s) {
        return SecretForms.urlUserinfo(s);
    }
}
