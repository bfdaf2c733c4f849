package dev.steward.remote;

/** POSIX shell quoting: the result is one word that the shell reads back as exactly {@code s}. */
public final class ShellQuote {

    private ShellQuote() {}

    /** Wraps {@code s} in single quotes; a single quote inside becomes {@code '\''}. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
