package dev.steward.module.network;

import dev.steward.remote.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One ufw rule in ufw's own terms: what {@code /etc/ufw/user.rules} records as a {@code ### tuple ###}
 * line, and what a {@code ufw} command line adds. Addresses are normalized the way ufw stores them
 * ({@code any} for 0.0.0.0/0 and ::/0, a host without {@code /32} or {@code /128}), so a rule read
 * from the host and a rule asked for compare equal when ufw would call them the same rule.
 *
 * @param action allow, deny, reject or limit
 * @param direction in or out
 * @param iface the interface ({@code on eth0}), or empty for any
 * @param proto tcp, udp, … or any
 * @param port the destination port: a number, a list {@code 80,443}, a range {@code 8000:8100}, or any
 * @param from the source address or network, or any
 * @param to the destination address or network, or any
 * @param comment ufw's comment, or empty
 */
public record UfwRule(String action, String direction, Optional<String> iface, String proto, String port, String from,
        String to, Optional<String> comment) {

    public static final String ANY = "any";

    public UfwRule {
        from = address(from);
        to = address(to);
        port = port == null || port.isBlank() ? ANY : port.strip();
        proto = proto == null || proto.isBlank() ? ANY : proto.strip();
    }

    /** What ufw matches a new rule against: everything but the action and the comment (it updates those in place). */
    public record Key(String direction, Optional<String> iface, String proto, String port, String from, String to) {
    }

    public Key key() {
        return new Key(direction, iface, proto, port, from, to);
    }

    /**
     * Reads a {@code ### tuple ### ACTION PROTO DPORT DST SPORT SRC DIRECTION[_IFACE] [comment=HEX]}
     * line; empty for a line of another shape (a route rule, an application profile), which Steward
     * leaves alone.
     */
    public static Optional<UfwRule> parseTuple(String line) {
        String text = line.strip();
        String marker = "### tuple ###";
        if (!text.startsWith(marker)) {
            return Optional.empty();
        }
        String[] f = text.substring(marker.length()).strip().split("\\s+");
        if (f.length < 7 || f[0].startsWith("route:") || !f[4].equals(ANY)) {
            return Optional.empty();
        }
        String action = f[0].replaceFirst("_log(-all)?$", "");
        String direction = f[6];
        Optional<String> iface = Optional.empty();
        int underscore = direction.indexOf('_');
        if (underscore > 0) {
            iface = Optional.of(direction.substring(underscore + 1));
            direction = direction.substring(0, underscore);
        }
        Optional<String> comment = Optional.empty();
        for (int i = 7; i < f.length; i++) {
            if (f[i].startsWith("comment=")) {
                comment = Optional.of(new String(HexFormat.of().parseHex(f[i].substring("comment=".length())),
                        StandardCharsets.UTF_8));
            } else if (f[i].contains("=")) {
                return Optional.empty(); // an application profile (dapp=…, sapp=…): not Steward's to compare
            }
        }
        return Optional.of(new UfwRule(action, direction, iface, f[1], f[2], f[5], f[3], comment));
    }

    /** The words after {@code ufw} (or {@code ufw delete}, {@code ufw insert N}) that make this rule. */
    public String words() {
        StringBuilder b = new StringBuilder(action).append(' ').append(direction);
        iface.ifPresent(i -> b.append(" on ").append(ShellQuote.quote(i)));
        if (!proto.equals(ANY)) {
            b.append(" proto ").append(ShellQuote.quote(proto));
        }
        b.append(" from ").append(ShellQuote.quote(from)).append(" to ").append(ShellQuote.quote(to));
        if (!port.equals(ANY)) {
            b.append(" port ").append(ShellQuote.quote(port));
        }
        comment.ifPresent(c -> b.append(" comment ").append(ShellQuote.quote(c)));
        return b.toString();
    }

    /** One line for check mode, diffs and messages: {@code allow in tcp 5432 from 10.0.0.1 to any "pg"}. */
    public String describe() {
        StringBuilder b = new StringBuilder(action).append(' ').append(direction);
        iface.ifPresent(i -> b.append(" on ").append(i));
        b.append(' ').append(port.equals(ANY) ? "any port" : port + "/" + proto);
        if (port.equals(ANY) && !proto.equals(ANY)) {
            b.append(" proto ").append(proto);
        }
        b.append(" from ").append(from).append(" to ").append(to);
        comment.ifPresent(c -> b.append(" (").append(c).append(')'));
        return b.toString();
    }

    /** Whether this rule's port covers {@code number}: any, equal, in a list, or in a range. */
    public boolean coversPort(int number) {
        if (port.equals(ANY)) {
            return true;
        }
        for (String part : port.split(",")) {
            String[] range = part.split(":");
            try {
                int low = Integer.parseInt(range[0].strip());
                int high = range.length > 1 ? Integer.parseInt(range[1].strip()) : low;
                if (number >= low && number <= high) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // a service name (ssh): not a number Steward can compare
            }
        }
        return false;
    }

    /** Whether this rule applies to TCP traffic from {@code client} to {@code port}, on any interface. */
    public boolean matchesTcp(String client, int number) {
        return direction.equals("in") && iface.isEmpty() && (proto.equals(ANY) || proto.equals("tcp"))
                && coversPort(number) && Ipv4Network.contains(from, client);
    }

    private static String address(String a) {
        if (a == null || a.isBlank() || a.equals("0.0.0.0/0") || a.equals("::/0")) {
            return ANY;
        }
        String s = a.strip();
        if (s.endsWith("/32") && !s.contains(":")) {
            return s.substring(0, s.length() - 3);
        }
        if (s.endsWith("/128")) {
            return s.substring(0, s.length() - 4);
        }
        return s;
    }
}
