package dev.steward.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Output as Ansible users know it: PLAY and TASK headers, one line per host, and a PLAY RECAP. */
public final class ConsoleReporter implements Reporter {

    private static final int WIDTH = 79;

    private final PrintStream out;
    private final int verbosity;

    public ConsoleReporter(PrintStream out, int verbosity) {
        this.out = out;
        this.verbosity = verbosity;
    }

    @Override
    public synchronized void playStarted(String title, List<String> hosts) {
        header("PLAY [" + title + "]");
    }

    @Override
    public synchronized void taskStarted(String title, String location) {
        header("TASK [" + title + "]");
        if (verbosity > 0 && !location.isEmpty()) {
            out.println("task path: " + location);
        }
    }

    @Override
    public synchronized void handlerStarted(String title, String location) {
        header("RUNNING HANDLER [" + title + "]");
    }

    @Override
    public synchronized void itemResult(ItemResult r) {
        String item = "(item=" + r.label() + ")";
        out.println(switch (r.status()) {
            case OK, CHANGED, SKIPPED -> r.status().label() + ": [" + r.host() + "] => " + item
                    + (r.simulated() || (verbosity > 0 && !r.message().isEmpty()) ? " " + r.message() : "");
            case FAILED -> "failed: [" + r.host() + "] => " + item + " " + r.message();
            case UNREACHABLE -> "fatal: [" + r.host() + "]: UNREACHABLE! => " + item + " " + r.message();
        });
        r.diff().ifPresent(out::print);
    }

    @Override
    public synchronized void hostResult(HostResult r) {
        boolean showMessage = !r.message().isEmpty()
                && ("debug".equals(r.module()) || r.simulated() || verbosity > 0);
        r.diff().ifPresent(out::print);
        out.println(switch (r.status()) {
            case OK, CHANGED, SKIPPED -> r.status().label() + ": [" + r.host() + "]" + (showMessage ? " => " + r.message() : "");
            case FAILED -> "fatal: [" + r.host() + "]: FAILED! => " + r.message() + (r.ignored() ? "\n...ignoring" : "");
            case UNREACHABLE -> "fatal: [" + r.host() + "]: UNREACHABLE! => " + r.message();
        });
        if (verbosity > 1 && !r.data().isEmpty()) {
            out.println("    " + r.data());
        }
    }

    @Override
    public synchronized void warning(String message) {
        out.println("[WARNING]: " + message);
    }

    @Override
    public synchronized void progress(String host, String line) {
        out.println("  [" + host + "] " + line);
        out.flush();
    }

    @Override
    public synchronized void recap(Recap recap) {
        header("PLAY RECAP");
        Map<String, Recap.Counts> hosts = recap.ordered();
        int width = Math.max(26, hosts.keySet().stream().mapToInt(String::length).max().orElse(0) + 1);
        hosts.forEach((host, c) -> out.printf("%-" + width + "s : ok=%-4d changed=%-4d unreachable=%-4d failed=%-4d "
                        + "skipped=%-4d rescued=%-4d ignored=%d%n", host, c.ok(), c.changed(), c.unreachable(), c.failed(),
                c.skipped(), c.rescued(), c.ignored()));
        recap.handlersNotRun().forEach((host, handlers) -> out.println("  " + host + ": notified handlers that did "
                + "not run (the host failed; --force-handlers runs them): " + String.join(", ", handlers)));
        out.println();
        out.flush();
    }

    private void header(String text) {
        out.println();
        out.println(text + " " + "*".repeat(Math.max(3, WIDTH - text.length() - 1)));
    }
}
