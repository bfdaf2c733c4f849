package dev.steward.module.network;

import dev.steward.module.ModuleFailure;
import dev.steward.remote.Apply;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.transport.TransportException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The safety net of every firewall change: before it, the host saves ufw's files and arms a transient
 * systemd timer that puts them back after {@code seconds}; after it, Steward opens a NEW SSH
 * connection (the old one survives any rule: ufw accepts established connections) and only then
 * disarms the timer. A change that cuts SSH is therefore undone by the host itself.
 *
 * <p>The restore copies the files back and runs {@code ufw reload} (or {@code ufw disable}): ufw
 * rebuilds only its own {@code ufw-*} chains, so Docker's chains (DOCKER, DOCKER-USER, …) and the
 * forwarding of running containers are never flushed.
 */
final class FirewallRollback {

    static final String DIR = "/var/lib/steward/ufw-rollback";
    private static final String UNIT = UfwState.ROLLBACK_UNIT;

    private final long seconds;

    FirewallRollback(long seconds) {
        this.seconds = seconds;
    }

    long seconds() {
        return seconds;
    }

    /** The restore script, sent on stdin to {@link #armCommand()}. */
    static String restoreScript() {
        return String.join("\n",
                "#!/bin/sh",
                "# Written by Steward before a firewall change: puts the saved ufw files back when the change",
                "# was not confirmed over a new SSH connection in time. ufw rebuilds only its own chains.",
                "cp -p " + DIR + "/ufw/* /etc/ufw/ && cp -p " + DIR + "/default-ufw /etc/default/ufw || exit 1",
                "if grep -q '^ENABLED=yes' /etc/ufw/ufw.conf; then ufw reload; else ufw --force disable; fi",
                "logger -t steward 'ufw: the firewall change was not confirmed; the previous rules are restored'",
                "");
    }

    /** Saves the files, writes the restore script from stdin, then starts the timer. */
    String armCommand() {
        return "set -e; rm -rf " + DIR + "; mkdir -p " + DIR + "/ufw; chmod 0700 " + DIR + "; "
                + "cp -p /etc/ufw/*.rules /etc/ufw/ufw.conf " + DIR + "/ufw/; cp -p /etc/default/ufw " + DIR
                + "/default-ufw; cat > " + DIR + "/restore.sh; "
                + "systemd-run --quiet --unit=" + UNIT + " --on-active=" + seconds
                + " --timer-property=AccuracySec=1s /bin/sh " + DIR + "/restore.sh";
    }

    /** Puts the saved files back now (after a ufw command failed half-way) and stops the timer. */
    String restoreNowCommand() {
        return "systemctl stop " + UNIT + ".timer 2>/dev/null; /bin/sh " + DIR + "/restore.sh";
    }

    /** Stops the timer if it has not fired; exits 3 when it already had (the change is undone). */
    static String disarmCommand() {
        return "if systemctl is-active --quiet " + UNIT + ".timer; then systemctl stop " + UNIT + ".timer; "
                + "rm -rf " + DIR + "; else exit 3; fi";
    }

    /**
     * Proves the host still takes new SSH connections, then disarms. With {@code ssh} empty Steward is
     * not on SSH (a local run): there is no connection to lose, so it disarms at once.
     */
    void confirm(Apply host, Optional<UfwState.SshArrival> ssh, long armedAt)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        if (ssh.isPresent()) {
            Duration wait = Duration.ofSeconds(Math.max(3, Math.min(20, seconds / 2)));
            try {
                host.reconnect(wait);
                CommandResult alive = host.run("true");
                if (alive.exitCode() != 0) {
                    throw new TransportException(TransportException.Reason.CONNECT_FAILED, alive.stderr().strip());
                }
            } catch (TransportException e) {
                long left = Math.max(0, seconds - (System.nanoTime() - armedAt) / 1_000_000_000L);
                throw cutOff(host.host(), ssh.get(), "failed (" + e.getMessage() + ")", "restores the previous rules "
                        + "within " + left + " s (" + seconds + " s after the change); the host is reachable again then");
            }
        }
        CommandResult disarmed = host.run(disarmCommand());
        if (disarmed.exitCode() == 3) {
            // the new connection got in only once the timer had put the old rules back
            throw ssh.isPresent()
                    ? cutOff(host.host(), ssh.get(), "got in only after the rollback", "restored the previous rules "
                            + seconds + " s after the change; the host is reachable again")
                    : new ModuleFailure("ufw: the rollback timer fired before the change was confirmed (" + seconds
                            + " s): the previous rules are back. Give rollback_timeout more seconds.",
                            Map.of("rolled_back", true));
        }
        if (disarmed.exitCode() != 0) {
            throw new ModuleFailure("ufw: cannot disarm the rollback timer " + UNIT + ".timer: "
                    + disarmed.stderr().strip() + " (it restores the previous rules in " + seconds + " s)",
                    Map.of("rc", (long) disarmed.exitCode(), "stderr", disarmed.stderr()));
        }
    }

    private ModuleFailure cutOff(String host, UfwState.SshArrival ssh, String connection, String rollback) {
        return new ModuleFailure("ufw: the new rules cut SSH off: a new connection to " + host + " " + connection
                + ". The rollback timer on the host " + rollback + ". SSH arrives on port " + ssh.port() + "/tcp from "
                + ssh.client() + ": keep it allowed, and run again.",
                Map.of("rolled_back", true, "rollback_seconds", seconds));
    }
}
