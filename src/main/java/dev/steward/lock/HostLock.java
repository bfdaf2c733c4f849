package dev.steward.lock;

/** What trying a host's deploy lock found. */
public sealed interface HostLock {

    String host();

    /**
     * This run holds the lock; {@code broken} is the holder whose lock --break-lock removed first, if any;
     * {@code takenOver} the holder whose run was killed on this machine, its lock taken over, if any.
     */
    record Taken(String host, java.util.Optional<LockHolder> broken, java.util.Optional<LockHolder> takenOver)
            implements HostLock {

        static Taken plain(String host) {
            return new Taken(host, java.util.Optional.empty(), java.util.Optional.empty());
        }
    }

    /** Another run holds it (or, in a check run, someone does). */
    record Held(String host, LockHolder holder) implements HostLock {
    }

    /** Nobody holds it (a check run only looks). */
    record Free(String host) implements HostLock {
    }

    /** No connection: the run reports the host unreachable and never touches it. */
    record Unreachable(String host, String message) implements HostLock {
    }

    /** Connected, but the lock could not be written (sudo refused, a read-only disk…). */
    record Failed(String host, String message) implements HostLock {
    }
}
