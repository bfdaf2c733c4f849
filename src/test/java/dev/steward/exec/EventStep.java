package dev.steward.exec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One step of an expected sequence of host results: one event, or ({@code any_order}) a group of
 * events that must all come, in any order, after the step before and before the step after. Hosts
 * run a task in parallel, so the results of one task are a group; the order of tasks is not.
 */
record EventStep(String task, String host, String status, @JsonProperty("message_contains") String messageContains,
        String message, @JsonProperty("diff_contains") String diffContains, @JsonProperty("no_diff") Boolean noDiff,
        @JsonProperty("any_order") List<EventPattern> anyOrder) {

    EventStep {
        boolean single = task != null || host != null || status != null || messageContains != null || message != null
                || diffContains != null || noDiff != null;
        if (single == (anyOrder != null)) {
            throw new IllegalArgumentException("an event step is either one event or an any_order group");
        }
    }

    List<EventPattern> patterns() {
        return anyOrder != null ? anyOrder : List.of(new EventPattern(task, host, status, messageContains, message, diffContains, noDiff));
    }

    @Override
    public String toString() {
        return anyOrder != null ? "any_order " + anyOrder : patterns().get(0).toString();
    }
}
