package dev.steward.reach;

/**
 * One connection the matrix tests: from a source (an inventory host, or {@link #CONTROLLER}) to a
 * target's {@code address:port} over TCP, and whether the policy says it must open.
 */
public record Path(String source, String target, String address, int port, String service, boolean mustOpen) {

    public static final String CONTROLLER = "controller";

    public String endpoint() {
        return address + ":" + port;
    }
}
