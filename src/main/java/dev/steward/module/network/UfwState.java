package dev.steward.module.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The firewall as one probe finds it: whether ufw is installed and running, its logging level and
 * default policies, its rules (IPv4 and IPv6 files merged, one entry per rule), the SSH connection
 * Steward arrived on, whether a rollback is still armed, and whether Docker's chains are there.
 *
 * @param v4Rules how many rules {@code user.rules} holds (ufw numbers them before the IPv6 ones)
 */
public record UfwState(boolean installed, boolean active, String logging, Map<String, String> defaults,
        List<UfwRule> rules, int v4Rules, Optional<SshArrival> ssh, boolean rollbackArmed, boolean dockerChains,
        boolean manageBuiltins) {

    /** The transient timer that restores the saved rules; its name is fixed so a second arming is refused. */
    public static final String ROLLBACK_UNIT = "steward-ufw-rollback";

    /**
     * One round trip, as root. {@code $SSH_CONNECTION} is read from the nearest ancestor process that
     * has it: sudo resets the environment, but sudo itself and the login shell above it keep it.
     */
    public static final String PROBE = String.join("\n",
            "if ! command -v ufw >/dev/null 2>&1; then echo installed=no; exit 0; fi",
            "echo installed=yes",
            "echo \"status=$(LANG=C ufw status 2>/dev/null | sed -n 's/^Status: //p')\"",
            "sed -n 's/^LOGLEVEL=/logging=/p' /etc/ufw/ufw.conf 2>/dev/null",
            "sed -n 's/^\\(DEFAULT_[A-Z]*_POLICY\\|MANAGE_BUILTINS\\)=/\\1=/p' /etc/default/ufw 2>/dev/null",
            "grep -h '^### tuple ###' /etc/ufw/user.rules 2>/dev/null | sed 's/^/rule4=/'",
            "grep -h '^### tuple ###' /etc/ufw/user6.rules 2>/dev/null | sed 's/^/rule6=/'",
            "p=$$; c=; while [ -n \"$p\" ] && [ \"$p\" -gt 1 ]; do "
                    + "c=$(tr '\\0' '\\n' < /proc/$p/environ 2>/dev/null | sed -n 's/^SSH_CONNECTION=//p'); "
                    + "[ -n \"$c\" ] && break; p=$(sed 's/.*) //' /proc/$p/stat | cut -d' ' -f2); done",
            "echo \"ssh=$c\"",
            "systemctl is-active --quiet " + ROLLBACK_UNIT + ".timer 2>/dev/null && echo rollback=armed",
            "iptables -w -n -L DOCKER >/dev/null 2>&1 && echo docker=yes",
            "true");

    /** Where the SSH connection in use arrives: the controller's address and the host's real port. */
    public record SshArrival(String client, int port) {

        /** {@code $SSH_CONNECTION}: client address, client port, server address, server port. */
        static Optional<SshArrival> parse(String value) {
            String[] f = value.strip().split("\\s+");
            if (f.length != 4) {
                return Optional.empty();
            }
            try {
                return Optional.of(new SshArrival(f[0], Integer.parseInt(f[3])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    public static UfwState parse(String probe) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<UfwRule> rules = new LinkedHashSet<>();
        int v4 = 0;
        for (String line : probe.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (key.equals("rule4") || key.equals("rule6")) {
                Optional<UfwRule> rule = UfwRule.parseTuple(value);
                if (key.equals("rule4")) {
                    v4++;
                }
                rule.ifPresent(rules::add); // a rule without addresses is in both files: one entry
            } else {
                values.put(key, unquote(value.strip()));
            }
        }
        boolean installed = "yes".equals(values.get("installed"));
        if (!installed) { // planned as a fresh install would be (check mode before the apt task has run)
            values.putAll(Map.of("DEFAULT_INPUT_POLICY", "DROP", "DEFAULT_OUTPUT_POLICY", "ACCEPT",
                    "DEFAULT_FORWARD_POLICY", "DROP", "logging", "low"));
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("incoming", policy(values.get("DEFAULT_INPUT_POLICY")));
        defaults.put("outgoing", policy(values.get("DEFAULT_OUTPUT_POLICY")));
        defaults.put("routed", policy(values.get("DEFAULT_FORWARD_POLICY")));
        return new UfwState(installed, "active".equals(values.get("status")),
                values.getOrDefault("logging", "off"), defaults, new ArrayList<>(rules), v4,
                SshArrival.parse(values.getOrDefault("ssh", "")), values.containsKey("rollback"),
                values.containsKey("docker"), "yes".equals(values.get("MANAGE_BUILTINS")));
    }

    public Optional<UfwRule> find(UfwRule.Key key) {
        return rules.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    /** ufw's words for the iptables policy in {@code /etc/default/ufw}. */
    private static String policy(String iptables) {
        if (iptables == null) {
            return "unknown";
        }
        return switch (iptables) {
            case "ACCEPT" -> "allow";
            case "DROP" -> "deny";
            case "REJECT" -> "reject";
            default -> iptables.toLowerCase(Locale.ROOT);
        };
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
