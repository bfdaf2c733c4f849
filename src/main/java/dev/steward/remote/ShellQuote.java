package dev.steward.remote;

public final class ShellQuote {
    private ShellQuote() {
    }

    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
