package dev.steward.cli;

import dev.steward.exec.Interruption;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C ends the run with exit code 99, as Ansible does. During a run the first Ctrl-C asks the
 * engine to stop cleanly ({@link #CTRL_C}: the step in flight finishes, the deploy locks are released);
 * a second one, or one when no run can stop cleanly, quits at once. A command whose normal end is
 * Ctrl-C ({@code tunnel}) handles it itself for a while ({@link #replacedBy}).
 */
final class InterruptHandler {

    /** What the engine of every command watches. */
    static final Interruption CTRL_C = new Interruption();

    private static volatile boolean asked;

    private InterruptHandler() {
    }

    @SuppressWarnings("sunapi")
    static void install() {
        try {
            Signal.handle(new Signal("INT"), s -> {
                if (!asked && CTRL_C.request()) {
                    asked = true;
                    System.err.println("\n[WARNING]: interrupted: finishing the step in flight, then releasing the "
                            + "deploy locks (Ctrl-C again to quit at once and leave them)");
                    return;
                }
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
