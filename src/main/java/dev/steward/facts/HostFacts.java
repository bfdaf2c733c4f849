package dev.steward.facts;

import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.Probe;
import dev.steward.transport.TransportException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The facts every play may use, gathered in one round trip: {@code facts.os.id}, {@code os.version},
 * {@code os.codename}, {@code os.family}, {@code arch}, {@code cpus}, {@code memory_mb},
 * {@code disk_free_mb} (of /), {@code hostname}, {@code user}.
 */
public final class HostFacts {

    static final String SCRIPT = String.join("; ",
            "if [ -r /etc/os-release ]; then . /etc/os-release; fi",
            "echo \"os_id=${ID:-unknown}\"",
            "echo \"os_version=${VERSION_ID:-}\"",
            "echo \"os_codename=${VERSION_CODENAME:-}\"",
            "echo \"os_like=${ID_LIKE:-}\"",
            "echo \"arch=$(uname -m)\"",
            "echo \"kernel=$(uname -r)\"",
            "echo \"cpus=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)\"",
            "awk '/^MemTotal:/ {print \"memory_mb=\" int($2/1024)}' /proc/meminfo",
            "df -Pk / | awk 'NR==2 {print \"disk_free_mb=\" int($4/1024)}'",
            "echo \"hostname=$(hostname)\"",
            "echo \"user=$(id -un)\"");

    private HostFacts() {
    }

    public static Map<String, Object> gather(Probe probe) throws TransportException, BecomeException,
            InterruptedException, FactsException {
        CommandResult r = probe.query(SCRIPT);
        if (r.exitCode() != 0) {
            throw new FactsException("gathering facts on " + probe.host() + " failed (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        return parse(r.stdout());
    }

    /** Turns the script's {@code key=value} lines into the {@code facts} map. */
    public static Map<String, Object> parse(String output) {
        Map<String, String> kv = new HashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        Map<String, Object> os = new LinkedHashMap<>();
        String id = kv.getOrDefault("os_id", "unknown");
        os.put("id", id);
        os.put("version", kv.getOrDefault("os_version", ""));
        os.put("codename", kv.getOrDefault("os_codename", ""));
        os.put("family", family(id, kv.getOrDefault("os_like", "")));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("os", os);
        facts.put("arch", kv.getOrDefault("arch", ""));
        facts.put("kernel", kv.getOrDefault("kernel", ""));
        facts.put("cpus", number(kv.get("cpus")));
        facts.put("memory_mb", number(kv.get("memory_mb")));
        facts.put("disk_free_mb", number(kv.get("disk_free_mb")));
        facts.put("hostname", kv.getOrDefault("hostname", ""));
        facts.put("user", kv.getOrDefault("user", ""));
        return facts;
    }

    private static String family(String id, String like) {
        String all = (id + " " + like).toLowerCase();
        if (all.contains("debian") || all.contains("ubuntu")) {
            return "debian";
        }
        if (all.contains("rhel") || all.contains("fedora") || all.contains("centos")) {
            return "redhat";
        }
        if (all.contains("alpine")) {
            return "alpine";
        }
        return id;
    }

    private static Long number(String s) {
        try {
            return s == null ? 0L : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0L;
        }
    }
}
