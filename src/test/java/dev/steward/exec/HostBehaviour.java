package dev.steward.exec;

import java.util.OptionalInt;

/**
 * How a scripted host misbehaves, if at all.
 *
 * @param unreachable connecting fails (CONNECT_FAILED)
 * @param dropAfter after this many commands the connection drops: the next one fails (DISCONNECTED)
 */
public record HostBehaviour(boolean unreachable, OptionalInt dropAfter) {

    public static final HostBehaviour HEALTHY = new HostBehaviour(false, OptionalInt.empty());
}
