package dev.steward.reach;

import java.util.List;
import java.util.Optional;

/**
 * A port a host opens in the stack's firewall.
 *
 * @param from the inventory hosts allowed in, or empty for anyone
 * @param service what listens there, for comments and tables ("postgres", "ssh")
 */
public record Opening(int port, String proto, Optional<List<String>> from, String service) {

    public Opening {
        from = from.map(List::copyOf);
    }

    public boolean allows(String source) {
        return from.map(hosts -> hosts.contains(source)).orElse(true);
    }
}
