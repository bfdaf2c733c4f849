package dev.steward.reach;

/**
 * One tested path: what the policy expects and what the connection did (open, refused, timeout,
 * unreachable, unknown). The stack's default is deny, which drops: a refused connection passed the
 * firewall and found nothing listening, so it satisfies "must open" (the firewall is right; the
 * table says nothing listens) as well as "must stay closed" (nothing answers).
 */
public record ReachRow(Path path, String actual) {

    public boolean wasOpen() {
        return actual.equals("open");
    }

    public boolean matches() {
        if (path.mustOpen()) {
            return wasOpen() || actual.equals("refused");
        }
        return !wasOpen() && !actual.equals("unknown");
    }

    /** The actual column of the table. */
    public String shown() {
        if (wasOpen()) {
            return "open";
        }
        if (path.mustOpen() && actual.equals("refused")) {
            return "passes (refused: nothing listens)";
        }
        return "closed (" + actual + ")";
    }
}
