package dev.steward.lab;

import java.util.List;
import java.util.Set;

/**
 * When a lab host's systemd has finished booting. {@code degraded} counts as booted: some unit
 * that needs real hardware may fail in a container, and the host is still usable.
 */
public final class SystemdReadiness {

    /** Blocks until boot ends, then prints the state. */
    public static final List<String> WAIT_COMMAND = List.of("systemctl", "is-system-running", "--wait");

    private static final Set<String> BOOTED = Set.of("running", "degraded");

    private SystemdReadiness() {
    }

    public static boolean booted(String isSystemRunningOutput) {
        return BOOTED.contains(isSystemRunningOutput.strip());
    }
}
