package dev.steward.report;

import java.util.List;

/** Receives the run's events as they happen; console and JSON print them. Calls may come from many threads. */
public interface Reporter {

    /** A play begins on these hosts; reporters that only care about results ignore it. */
    default void playStarted(String title, List<String> hosts) {
    }

    /** A task begins; reporters that only care about results ignore it. */
    default void taskStarted(String title, String location) {
    }

    /** A handler is about to run on the hosts that notified it. */
    default void handlerStarted(String title, String location) {
        taskStarted(title, location);
    }

    void hostResult(HostResult result);

    /** One loop item's outcome; the task's own result follows with {@link #hostResult}. */
    default void itemResult(ItemResult result) {
    }

    void warning(String message);

    /** How far a long step on a host has got (an upload: bytes of total); a line for people, not a result. */
    default void progress(String host, String line) {
    }

    void recap(Recap recap);
}
