package dev.steward.exec;

import dev.steward.report.HostResult;
import dev.steward.report.Recap;
import dev.steward.report.Reporter;
import java.util.ArrayList;
import java.util.List;

/** Keeps every host result in the order reported, and a readable transcript of the run for failure messages. */
final class RecordingReporter implements Reporter {

    private final List<HostResult> results = new ArrayList<>();
    private final List<String> transcript = new ArrayList<>();

    @Override
    public synchronized void playStarted(String title, List<String> hosts) {
        transcript.add("PLAY [" + title + "] " + hosts);
    }

    @Override
    public synchronized void taskStarted(String title, String location) {
        transcript.add("  TASK [" + title + "] " + location);
    }

    @Override
    public synchronized void hostResult(HostResult r) {
        results.add(r);
        transcript.add("    #" + results.size() + " " + EventPattern.statusOf(r) + " [" + r.host() + "] task=" + r.task()
                + (r.message().isEmpty() ? "" : " => " + r.message().replace("\n", "\n        ")));
    }

    @Override
    public synchronized void warning(String message) {
        transcript.add("[WARNING] " + message);
    }

    @Override
    public synchronized void recap(Recap recap) {
        recap.ordered().forEach((host, c) -> transcript.add("RECAP " + host + " " + c));
    }

    synchronized List<HostResult> results() {
        return List.copyOf(results);
    }

    synchronized String transcript() {
        return String.join("\n", transcript);
    }
}
