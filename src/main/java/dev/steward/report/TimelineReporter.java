package dev.steward.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A run as a timeline, for long operations such as {@code steward upgrade}: one line per node per step
 * that did something (skipped steps are left out), with the time since the start and how long the step
 * took; messages of {@code debug} steps and failures follow on their own lines. The recap is one line
 * per host.
 */
public final class TimelineReporter implements Reporter {

    private final PrintStream out;
    private final LongSupplier nanos;
    private final long start;

    public TimelineReporter(PrintStream out) {
        this(out, System::nanoTime);
    }

    TimelineReporter(PrintStream out, LongSupplier nanos) {
        this.out = out;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
    }

    @Override
    public synchronized void playStarted(String title, List<String> hosts) {
        out.printf("%s  == %s (%s)%n", elapsed(), title, String.join(", ", hosts));
        out.flush();
    }

    @Override
    public synchronized void hostResult(HostResult r) {
        if (r.status() == Status.SKIPPED) {
            return;
        }
        out.printf("%s  %-8s %-66s %-9s %s%n", elapsed(), r.host(), r.task(),
                r.status() == Status.FAILED ? "FAILED" : r.status().label() + (r.simulated() ? "*" : ""),
                seconds(r.duration()));
        if (!r.message().isEmpty() && ("debug".equals(r.module()) || r.status() == Status.FAILED
                || r.status() == Status.UNREACHABLE)) {
            out.println("           " + r.message().replace("\n", "\n           "));
        }
        out.flush();
    }

    @Override
    public synchronized void warning(String message) {
        out.println(elapsed() + "  WARNING: " + message);
        out.flush();
    }

    @Override
    public synchronized void recap(Recap recap) {
        out.println(elapsed() + "  done");
        for (Map.Entry<String, Recap.Counts> e : recap.ordered().entrySet()) {
            Recap.Counts c = e.getValue();
            out.printf("           %-8s ok=%d changed=%d failed=%d unreachable=%d%n", e.getKey(), c.ok(), c.changed(),
                    c.failed(), c.unreachable());
        }
        out.flush();
    }

    private String elapsed() {
        return String.format("%8s", seconds(Duration.ofNanos(nanos.getAsLong() - start)));
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
