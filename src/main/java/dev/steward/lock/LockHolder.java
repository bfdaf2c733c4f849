package dev.steward.lock;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
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
 * @param pid the controller process of that run (0: unknown, a lock written by hand or by an older Steward)
 * @param machine which controller machine that process runs on (see {@link #thisMachine()}); "unknown" if not said
 */
public record LockHolder(String who, String command, Instant since, String runId, long pid, String machine) {

    static final String UNKNOWN = "unknown";

    /** This controller, now, for {@code command}, with a fresh run id. */
    public static LockHolder here(String command) {
        return new LockHolder(System.getProperty("user.name") + "@" + hostname(), command,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), UUID.randomUUID().toString().substring(0, 8),
                ProcessHandle.current().pid(), thisMachine());
    }

    /**
     * This machine, as the lock file records it: a digest of /etc/machine-id when readable (the id itself is
     * meant to stay private, and the lock file is world-readable), else the host name. Two controllers in
     * containers or on clones may share a host name; a pid is only meaningful on its own machine.
     */
    static String thisMachine() {
        try {
            String id = Files.readString(Path.of("/etc/machine-id")).strip();
            if (!id.isEmpty()) {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(("steward deploy lock " + id).getBytes(StandardCharsets.UTF_8));
                return "id:" + HexFormat.of().formatHex(digest, 0, 8);
            }
        } catch (IOException | SecurityException | NoSuchAlgorithmException e) {
            // no machine id (macOS, a minimal container): the host name is the next best thing
        }
        return "host:" + hostname();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown-host");
        }
    }

    /**
     * True when this lock was taken by a process on {@code machine} that is no longer running: its run was
     * killed (SIGKILL, a crash) before it could release the lock. A pid now used by a process started after
     * the lock was taken is another process, so the run is gone too. Unknown pid or machine: never.
     */
    public boolean leftByAGoneProcessOn(String machine) {
        if (pid <= 0 || UNKNOWN.equals(this.machine) || !this.machine.equals(machine)) {
            return false;
        }
        Instant latestStart = since.plusSeconds(1); // since is truncated to the second
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(s -> !s.isAfter(latestStart)).orElse(true))
                .isEmpty();
    }

    /** The lock file's text. */
    public String text() {
        return "holder=" + oneLine(who) + "\ncommand=" + oneLine(command) + "\nsince=" + since + "\nrun=" + runId
                + "\npid=" + pid + "\nmachine=" + oneLine(machine) + "\n";
    }

    /** Reads a lock file; fields it lacks (a lock written by hand, a cut file) read as "unknown" (pid 0). */
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
        long pid;
        try {
            pid = Long.parseLong(fields.getOrDefault("pid", "0"));
        } catch (NumberFormatException e) {
            pid = 0;
        }
        return new LockHolder(fields.getOrDefault("holder", UNKNOWN), fields.getOrDefault("command", UNKNOWN),
                since, fields.getOrDefault("run", UNKNOWN), pid, fields.getOrDefault("machine", UNKNOWN));
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
