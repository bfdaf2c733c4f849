package dev.steward.exec;

import dev.steward.report.HostResult;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks host results against expected steps: found in order (others may come between), or exactly. */
final class EventOrder {

    private EventOrder() {
    }

    /** Empty when every step is found after the previous one; otherwise what was not found. */
    static Optional<String> findInOrder(List<EventStep> steps, List<HostResult> results) {
        int from = 0;
        for (int s = 0; s < steps.size(); s++) {
            Set<Integer> used = new HashSet<>();
            int last = from - 1;
            for (EventPattern p : steps.get(s).patterns()) {
                int found = -1;
                for (int i = from; i < results.size() && found < 0; i++) {
                    if (!used.contains(i) && p.matches(results.get(i))) {
                        found = i;
                    }
                }
                if (found < 0) {
                    return Optional.of("events step " + (s + 1) + " " + steps.get(s) + ": no result " + p
                            + " at or after result #" + (from + 1));
                }
                used.add(found);
                last = Math.max(last, found);
            }
            from = last + 1;
        }
        return Optional.empty();
    }

    /** Empty when the steps account for every result, in order; otherwise the first difference. */
    static Optional<String> matchExactly(List<EventStep> steps, List<HostResult> results) {
        int at = 0;
        for (int s = 0; s < steps.size(); s++) {
            List<EventPattern> group = steps.get(s).patterns();
            if (at + group.size() > results.size()) {
                return Optional.of("events_exact step " + (s + 1) + " " + steps.get(s) + ": only " + results.size()
                        + " results in all");
            }
            List<HostResult> window = results.subList(at, at + group.size());
            Set<Integer> used = new HashSet<>();
            for (EventPattern p : group) {
                int found = -1;
                for (int i = 0; i < window.size() && found < 0; i++) {
                    if (!used.contains(i) && p.matches(window.get(i))) {
                        found = i;
                    }
                }
                if (found < 0) {
                    return Optional.of("events_exact step " + (s + 1) + " " + steps.get(s) + ": " + p
                            + " is not among results #" + (at + 1) + "–#" + (at + group.size()));
                }
                used.add(found);
            }
            at += group.size();
        }
        return at == results.size() ? Optional.empty()
                : Optional.of("events_exact: " + (results.size() - at) + " more results than expected, from #" + (at + 1));
    }
}
