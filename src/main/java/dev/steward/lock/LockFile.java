package dev.steward.lock;

import dev.steward.remote.Apply;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The lock file on one host and the shell that takes, reads and releases it. Taking is atomic: the
 * holder's text goes to a temporary file beside the lock, which {@code ln} then links to the lock's
 * name, and link(2) fails when the name exists; so two runs can never both win, and the lock is
 * never seen half-written.
 */
record LockFile(String path) {

    /** Where the lock lives unless the host's {@code deploy_lock_path} says otherwise. */
    static final String DEFAULT_PATH = "/var/lib/steward/deploy.lock";

    private static final String TAKEN = "steward-lock: taken";
    private static final String HELD = "steward-lock: held";

    /** Takes the lock for {@code me} (as root), or answers who holds it. */
    HostLock take(Apply root, LockHolder me) throws TransportException, BecomeException, InterruptedException {
        String p = ShellQuote.quote(path);
        String script = "umask 022; p=" + p + "; mkdir -p \"$(dirname \"$p\")\" || exit 1\n"
                + "t=$(mktemp \"$p.XXXXXX\") || exit 1\n"
                + "if ! { cat > \"$t\" && chmod 644 \"$t\"; }; then rm -f \"$t\"; exit 1; fi\n"
                + "if ln \"$t\" \"$p\" 2>/dev/null; then rm -f \"$t\"; echo '" + TAKEN + "'; exit 0; fi\n"
                + "rm -f \"$t\"; echo '" + HELD + "'; cat \"$p\"";
        CommandResult r = root.run(script, new ByteArrayInputStream(me.text().getBytes(StandardCharsets.UTF_8)));
        String out = r.stdout();
        if (r.exitCode() == 0 && out.startsWith(TAKEN)) {
            return HostLock.Taken.plain(root.host());
        }
        if (r.exitCode() == 0 && out.startsWith(HELD)) {
            return new HostLock.Held(root.host(), LockHolder.parse(out.substring(HELD.length())));
        }
        return new HostLock.Failed(root.host(), "cannot write the deploy lock " + path + " (exit " + r.exitCode() + "): "
                + r.stderr().strip());
    }

    /** Removes the lock whoever holds it and says who that was (--break-lock). */
    Optional<LockHolder> breakIt(Apply root) throws TransportException, BecomeException, InterruptedException {
        String p = ShellQuote.quote(path);
        CommandResult r = root.query("if [ -e " + p + " ]; then cat " + p + " && rm -f " + p + "; fi");
        return r.stdout().isBlank() ? Optional.empty() : Optional.of(LockHolder.parse(r.stdout()));
    }

    /**
     * Removes the lock if it still is {@code gone}'s (a run killed on this machine), then takes it for
     * {@code me}. The check and the removal happen under flock(1) on a file beside the lock, so of two runs
     * taking over at once, one removes the stale lock and the other then finds the winner's.
     */
    HostLock takeOver(Apply root, LockHolder gone, LockHolder me) throws TransportException, BecomeException,
            InterruptedException {
        String p = ShellQuote.quote(path);
        String stale = ShellQuote.quote("run=" + gone.runId());
        CommandResult r = root.query("p=" + p + "; remove() { if grep -qx " + stale + " \"$p\" 2>/dev/null; then "
                + "rm -f \"$p\"; fi; }\n"
                + "if command -v flock >/dev/null; then ( flock 9 && remove ) 9>\"$p.takeover\"; else remove; fi");
        if (!r.succeeded()) {
            return new HostLock.Failed(root.host(), "cannot remove the stale deploy lock " + path + " (exit "
                    + r.exitCode() + "): " + r.stderr().strip());
        }
        return take(root, me);
    }

    /** Who holds the lock, read without sudo (the file is world-readable). */
    Optional<LockHolder> read(Apply plain) throws TransportException, BecomeException, InterruptedException {
        CommandResult r = plain.query("cat " + ShellQuote.quote(path) + " 2>/dev/null || true");
        return r.stdout().isBlank() ? Optional.empty() : Optional.of(LockHolder.parse(r.stdout()));
    }

    /**
     * Removes the lock if {@code me} holds it. Answers what the operator must know otherwise: another
     * run holds it now (one that broke this run's lock), or it could not be removed.
     */
    Optional<String> release(Apply root, LockHolder me) throws TransportException, BecomeException,
            InterruptedException {
        String p = ShellQuote.quote(path);
        CommandResult r = root.query("if grep -qx " + ShellQuote.quote("run=" + me.runId()) + " " + p
                + " 2>/dev/null; then rm -f " + p + "; else cat " + p + " 2>/dev/null || true; fi");
        if (!r.succeeded()) {
            return Optional.of("cannot remove " + path + " (exit " + r.exitCode() + "): " + r.stderr().strip());
        }
        return r.stdout().isBlank() ? Optional.empty() : Optional.of("left " + path + " alone: it is now held by "
                + LockHolder.parse(r.stdout()).describe(java.time.Instant.now()));
    }
}
