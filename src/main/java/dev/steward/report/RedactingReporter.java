package dev.steward.report;

import java.util.List;

/** Passes every event on with the run's secrets masked; wraps the console and JSON reporters. */
public final class RedactingReporter implements Reporter {

    private final Reporter next;
    private final Redactor redactor;

    public RedactingReporter(Reporter next, Redactor redactor) {
        this.next = next;
        this.redactor = redactor;
    }

    @Override
    public void playStarted(String title, List<String> hosts) {
        next.playStarted(redactor.redact(title), hosts);
    }

    @Override
    public void taskStarted(String title, String location) {
        next.taskStarted(redactor.redact(title), location);
    }

    @Override
    public void handlerStarted(String title, String location) {
        next.handlerStarted(redactor.redact(title), location);
    }

    @Override
    public void hostResult(HostResult r) {
        next.hostResult(new HostResult(r.host(), redactor.redact(r.task()), r.module(), r.status(),
                redactor.redact(r.message()), redactor.redactMap(r.data()), r.duration(), r.ignored(), r.simulated(),
                r.diff().map(redactor::redactDiff)));
    }

    @Override
    public void itemResult(ItemResult r) {
        next.itemResult(new ItemResult(r.host(), redactor.redact(r.task()), redactor.redact(r.label()), r.status(),
                redactor.redact(r.message()), redactor.redactMap(r.data()), r.simulated(),
                r.diff().map(redactor::redactDiff)));
    }

    @Override
    public void warning(String message) {
        next.warning(redactor.redact(message));
    }

    @Override
    public void progress(String host, String line) {
        next.progress(host, redactor.redact(line));
    }

    @Override
    public void recap(Recap recap) {
        next.recap(recap);
    }
}
