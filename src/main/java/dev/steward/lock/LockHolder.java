package dev.steward.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Who holds a host's deploy lock, as the lock file says it: one {@code key=value} a line, so an
 * operator can {@code cat} it. Nothing in it is secret (the file is world-readable: a check run reads
 * it without sudo).
 *
 * @param who the controller's {@code user@hostname}
 * @param command what that run is, e.g. {@code play playbooks/site.yml}
 * @param since when it took the lock (UTC)
 * @param runId tells this run's lock from another's, so a run only ever removes its own
 */
public record LockHolder(String who, String command, Instant since, String runId) {

    /** This controller, now, for {@code command}, with a fresh run id. */
    public static LockHolder here(String command) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
        }
        return new LockHolder(System.getProperty("user.name") + "@" + host, command,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), UUID.randomUUID().toString().substring(0, 8));
    }

    /** The lock file's text. */
    public String text() {
        return "holder=" + oneLine(who) + "\ncommand=" + oneLine(command) + "\nsince=" + since + "\nrun=" + runId + "\n";
    }

    /** Reads a lock file; fields it lacks (a lock written by hand, a cut file) read as "unknown". */
    public static LockHolder parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        text.lines().forEach(l -> {
            int eq = l.indexOf('=');
            if (eq > 0) {
                fields.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
            }
        });
        Instant since;
        try {
            since = Instant.parse(fields.getOrDefault("since", ""));
        } catch (DateTimeParseException e) {
            since = Instant.EPOCH;
        }
        return new LockHolder(fields.getOrDefault("holder", "unknown"), fields.getOrDefault("command", "unknown"),
                since, fields.getOrDefault("run", "unknown"));
    }

    /** {@code alice@laptop running 'play site.yml' since 2026-11-22T01:50:00Z (3m 12s ago, run 1a2b3c4d)}. */
    public String describe(Instant now) {
        String when = since.equals(Instant.EPOCH) ? "since an unknown time"
                : "since " + since + " (" + age(Duration.between(since, now)) + " ago";
        return who + " running '" + command + "' " + when + (since.equals(Instant.EPOCH) ? " (" : ", ") + "run " + runId
                + ")";
    }

    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d " + s % 86400 / 3600 + "h";
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
