package dev.steward.exec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What must happen in a scenario.
 *
 * @param recap every host of the recap with its counts (a count not given must be 0)
 * @param events steps found in order among the host results
 * @param eventsExact steps that account for every host result, in order
 * @param noEvents host results that must not occur
 * @param commands per host, what it must and must not have received
 * @param items loop items' results found in this order (others may come between)
 * @param handlersNotRun the recap's list of notified handlers that did not run, per host (all of it)
 * @param warnings texts each found in some warning
 * @param retryHosts the lines of {@code .steward/retry/playbook.hosts}; empty means no such file
 */
record Expectations(@JsonProperty("exit_code") int exitCode, Map<String, RecapCounts> recap, List<EventStep> events,
        @JsonProperty("events_exact") List<EventStep> eventsExact, @JsonProperty("no_events") List<EventPattern> noEvents,
        Map<String, CommandExpectations> commands, List<ItemPattern> items,
        @JsonProperty("handlers_not_run") Map<String, List<String>> handlersNotRun, List<String> warnings,
        @JsonProperty("retry_hosts") List<String> retryHosts) {

    Expectations {
        events = events == null ? List.of() : events;
        noEvents = noEvents == null ? List.of() : noEvents;
        commands = commands == null ? Map.of() : commands;
        items = items == null ? List.of() : items;
        warnings = warnings == null ? List.of() : warnings;
    }

    /** One host's line of the recap; counts left out are 0. */
    record RecapCounts(int ok, int changed, int unreachable, int failed, int skipped, int rescued, int ignored) {
    }

    /**
     * @param must each must fit at least one command the host received
     * @param mustNot none may fit any command the host received
     * @param count how many commands the host received in all
     */
    record CommandExpectations(List<CommandPattern> must, @JsonProperty("must_not") List<CommandPattern> mustNot,
            Integer count) {

        CommandExpectations {
            must = must == null ? List.of() : must;
            mustNot = mustNot == null ? List.of() : mustNot;
        }
    }
}
