package dev.steward.transport.ssh;

import java.util.concurrent.Semaphore;

/**
 * A bound on simultaneous SSH handshakes (TCP connect, key exchange, authentication), so that
 * connecting to many hosts in parallel does not storm them, a jump host or the local CPU.
 * The default (16) lets the default 10 forks connect at once: with known_hosts read as text a
 * handshake is cheap, and hosts 9 and 10 waiting for a permit cost a whole extra handshake.
 */
public final class Handshakes {

    public static final int DEFAULT_LIMIT = 16;

    private final Semaphore permits;
    private final int limit;

    public Handshakes(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one simultaneous handshake is needed, got " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit, true);
    }

    public static Handshakes withDefaultLimit() {
        return new Handshakes(DEFAULT_LIMIT);
    }

    public int limit() {
        return limit;
    }

    /** Runs one handshake under a permit. Callers never nest permits (a jump host is a separate handshake). */
    public <T, E extends Exception> T run(Handshake<T, E> handshake) throws E, InterruptedException {
        permits.acquire();
        try {
            return handshake.perform();
        } finally {
            permits.release();
        }
    }

    @FunctionalInterface
    public interface Handshake<T, E extends Exception> {
        T perform() throws E;
    }
}
