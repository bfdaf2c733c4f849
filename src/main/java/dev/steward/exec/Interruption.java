package dev.steward.exec;

/**
 * A request to stop a run cleanly (Ctrl-C): the remote step in flight finishes on every host, no
 * further task starts, and the engine then releases the deploy locks and says how to resume. Only
 * while a run {@link #watch watches} can it stop cleanly; otherwise {@link #request} says no, and the
 * caller stops the process at once.
 */
public final class Interruption {

    /** Never requested: runs that nothing can interrupt (tests, nested engine use). */
    public static final Interruption NEVER = new Interruption();

    private volatile boolean requested;
    private volatile int watchers;

    /** Asks the run to stop; false when no run is watching (nothing to stop cleanly). */
    public synchronized boolean request() {
        if (watchers == 0) {
            return false;
        }
        requested = true;
        return true;
    }

    public boolean requested() {
        return requested;
    }

    /** Marks the span of a run that can stop cleanly; a request from before it is forgotten. */
    public synchronized Watch watch() {
        if (watchers == 0) {
            requested = false;
        }
        watchers++;
        return new Watch();
    }

    /** Closing it ends the span. */
    public final class Watch implements AutoCloseable {
        private boolean closed;

        private Watch() {
        }

        @Override
        public void close() {
            synchronized (Interruption.this) {
                if (!closed) {
                    closed = true;
                    watchers--;
                }
            }
        }
    }
}
