package dev.steward.module.packages;

import dev.steward.module.ModuleFailure;
import dev.steward.remote.CommandResult;
import dev.steward.remote.Probe;
import java.util.Map;

/**
 * Waiting for dpkg's locks before apt or dpkg runs. The holder is found in {@code /proc/locks}
 * (by the inode of the lock file), which shows both fcntl locks (apt, dpkg, unattended-upgrades)
 * and flock locks, and gives the holder's process id and command line for the message.
 */
final class DpkgLock {

    /** The exit code of the wait script when the lock stays held past the timeout. */
    static final int HELD = 75;

    private DpkgLock() {
    }

    /** A shell prefix that waits up to {@code timeoutSeconds} for every dpkg lock to be free. */
    static String waitFor(long timeoutSeconds) {
        return "holder() { for f in /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock; do "
                + "[ -e \"$f\" ] || continue; i=$(stat -c %i \"$f\"); "
                + "awk -v i=\"$i\" '$2 != \"->\" { n = split($6, a, \":\"); if (a[n] == i) { print $5; exit } }' /proc/locks; "
                + "done | head -n 1; }; "
                + "w=0; while p=$(holder); [ -n \"$p\" ]; do "
                + "if [ \"$w\" -ge " + timeoutSeconds + " ]; then "
                + "echo \"steward-dpkg-lock: process $p ($(tr '\\0' ' ' < /proc/$p/cmdline 2>/dev/null | cut -c1-160))\" >&2; "
                + "exit " + HELD + "; fi; sleep 1; w=$((w + 1)); done; ";
    }

    /** apt's own wait, for the moment between our check and apt taking the lock. */
    static String aptOption(long timeoutSeconds) {
        return "-o DPkg::Lock::Timeout=" + timeoutSeconds;
    }

    static ModuleFailure held(Probe host, CommandResult r, long timeoutSeconds) {
        String holder = r.stderr().lines().filter(l -> l.startsWith("steward-dpkg-lock: "))
                .map(l -> l.substring("steward-dpkg-lock: ".length()).strip().replaceAll("\\s+\\)$", ")")).findFirst().orElse("another process");
        return new ModuleFailure(host.host() + ": the dpkg lock is still held by " + holder + " after waiting "
                + timeoutSeconds + " s; let it finish (often apt-daily or unattended-upgrades on a fresh host), "
                + "or raise lock_timeout", Map.of("rc", (long) r.exitCode(), "stderr", r.stderr(), "holder", holder));
    }
}
