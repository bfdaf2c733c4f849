package dev.steward.module.network;

/** Whether an IPv4 address falls in a ufw source: {@code any}, the same address, or a network {@code a.b.c.d/n}. */
final class Ipv4Network {

    private Ipv4Network() {
    }

    static boolean contains(String network, String address) {
        if (network.equals(UfwRule.ANY) || network.equals(address)) {
            return true;
        }
        int slash = network.indexOf('/');
        if (slash < 0) {
            return false;
        }
        Long base = parse(network.substring(0, slash));
        Long host = parse(address);
        if (base == null || host == null) {
            return false; // IPv6 or a name: not provably inside
        }
        int bits;
        try {
            bits = Integer.parseInt(network.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (bits < 0 || bits > 32) {
            return false;
        }
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (base & mask) == (host & mask);
    }

    private static Long parse(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length != 4) {
            return null;
        }
        long value = 0;
        for (String p : parts) {
            try {
                int octet = Integer.parseInt(p);
                if (octet < 0 || octet > 255) {
                    return null;
                }
                value = (value << 8) | octet;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return value;
    }
}
