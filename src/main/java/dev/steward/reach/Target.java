package dev.steward.reach;

import java.util.List;

/**
 * One inventory host as a destination: its {@code address} (how the other hosts reach it), its SSH
 * endpoint as the controller reaches it (behind NAT or a port mapping, not the address and port 22),
 * and what the policy opens and keeps closed there.
 */
public record Target(String host, String address, String sshHost, int sshPort, List<Opening> openings,
        List<Integer> closed) {

    public Target {
        openings = List.copyOf(openings);
        closed = List.copyOf(closed);
    }
}
