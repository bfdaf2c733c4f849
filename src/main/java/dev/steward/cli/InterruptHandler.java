package dev.steward.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C ends the run with exit code 99, as Ansible does; connections close on the way out. A
 * command whose normal end is Ctrl-C ({@code tunnel}) handles it itself for a while ({@link #replacedBy}).
 */
final class InterruptHandler {

    private InterruptHandler() {
    }

    @SuppressWarnings("sunapi")
    static void install() {
        try {
            Signal.handle(new Signal("INT"), s -> {
                System.err.println("\n[ERROR]: User interrupted execution");
                new Thread(() -> System.exit(99)).start();
            });
        } catch (IllegalArgumentException e) {
            // no SIGINT on this platform: the default handling stays
        }
    }

    /**
     * Until the returned handle is closed, Ctrl-C runs {@code action} instead of ending the process
     * (where there is no SIGINT, nothing changes).
     */
    @SuppressWarnings("sunapi")
    static Restore replacedBy(Runnable action) {
        try {
            Signal sigint = new Signal("INT");
            SignalHandler before = Signal.handle(sigint, s -> action.run());
            return () -> Signal.handle(sigint, before);
        } catch (IllegalArgumentException e) {
            return () -> { };
        }
    }

    /** Puts the handler back. */
    interface Restore extends AutoCloseable {
        @Override
        void close();
    }
}
