package dev.steward.report;

import java.util.List;

/** Receives the run's events as they happen; console and JSON print them. Calls may come from many threads. */
public interface Reporter {

    void playStarted(String title, List<String> hosts);

    void taskStarted(String title, String location);

    void hostResult(HostResult result);

    void warning(String message);

    void recap(Recap recap);
}
