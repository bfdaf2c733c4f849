package dev.steward.report;

import java.util.List;

/** Passes every event to several reporters in turn: the live one and a recorder, for instance. */
public final class TeeReporter implements Reporter {

    private final List<Reporter> reporters;

    public TeeReporter(Reporter... reporters) {
        this.reporters = List.of(reporters);
    }

    @Override
    public void playStarted(String title, List<String> hosts) {
        reporters.forEach(r -> r.playStarted(title, hosts));
    }

    @Override
    public void taskStarted(String title, String location) {
        reporters.forEach(r -> r.taskStarted(title, location));
    }

    @Override
    public void handlerStarted(String title, String location) {
        reporters.forEach(r -> r.handlerStarted(title, location));
    }

    @Override
    public void hostResult(HostResult result) {
        reporters.forEach(r -> r.hostResult(result));
    }

    @Override
    public void itemResult(ItemResult result) {
        reporters.forEach(r -> r.itemResult(result));
    }

    @Override
    public void warning(String message) {
        reporters.forEach(r -> r.warning(message));
    }

    @Override
    public void progress(String host, String line) {
        reporters.forEach(r -> r.progress(host, line));
    }

    @Override
    public void recap(Recap recap) {
        reporters.forEach(r -> r.recap(recap));
    }
}
