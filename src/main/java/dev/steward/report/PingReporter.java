package dev.steward.report;

import java.io.PrintStream;

/** Ad-hoc output, one line per host: {@code lab1 | SUCCESS => pong (as root)}. */
public final class PingReporter implements Reporter {

    private final PrintStream out;

    public PingReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void hostResult(HostResult r) {
        String word = switch (r.status()) {
            case OK, CHANGED, SKIPPED -> "SUCCESS";
            case FAILED -> "FAILED!";
            case UNREACHABLE -> "UNREACHABLE!";
        };
        out.println(r.host() + " | " + word + " => " + r.message());
    }

    @Override
    public synchronized void warning(String message) {
        out.println("[WARNING]: " + message);
    }

    @Override
    public void recap(Recap recap) {
        out.flush();
    }
}
