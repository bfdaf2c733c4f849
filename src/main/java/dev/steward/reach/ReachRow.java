package dev.steward.reach;

/** One tested path: what the policy expects and what the connection did (open, refused, timeout, …). */
public record ReachRow(Path path, String actual) {

    public boolean wasOpen() {
        return actual.equals("open");
    }

    public boolean matches() {
        return path.mustOpen() == wasOpen() && !actual.equals("unknown");
    }
}
