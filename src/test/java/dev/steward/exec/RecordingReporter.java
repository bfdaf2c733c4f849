package dev.steward.exec;

import dev.steward.report.HostResult;
import dev.steward.report.ItemResult;
import dev.steward.report.Recap;
import dev.steward.report.Reporter;
import java.util.ArrayList;
import java.util.List;

/** Keeps every host result in the order reported, and a readable transcript of the run for failure messages. */
final class RecordingReporter implements Reporter {

    private final List<HostResult> results = new ArrayList<>();
    private final List<ItemResult> items = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
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
    public synchronized void itemResult(ItemResult r) {
        items.add(r);
        transcript.add("      item " + r.status().name().toLowerCase(java.util.Locale.ROOT) + " [" + r.host() + "] ("
                + r.label() + ")" + (r.message().isEmpty() ? "" : " => " + r.message().replace("\n", "\n          ")));
    }

    @Override
    public synchronized void warning(String message) {
        warnings.add(message);
        transcript.add("[WARNING] " + message);
    }

    @Override
    public synchronized void recap(Recap recap) {
        recap.ordered().forEach((host, c) -> transcript.add("RECAP " + host + " " + c));
        recap.handlersNotRun().forEach((host, h) -> transcript.add("RECAP " + host + " handlers not run: " + h));
    }

    synchronized List<HostResult> results() {
        return List.copyOf(results);
    }

    synchronized List<ItemResult> items() {
        return List.copyOf(items);
    }

    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    synchronized String transcript() {
        return String.join("\n", transcript);
    }
}
