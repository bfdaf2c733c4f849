package dev.steward.cli;

import sun.misc.Signal;

/** Ctrl-C ends the run with exit code 99, as Ansible does; connections close on the way out. */
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
}
