package dev.steward.report;

import java.util.Map;
import java.util.Optional;

/** One loop item's outcome on one host; the task's own {@link HostResult} follows the items. */
public record ItemResult(String host, String task, String label, Status status, String message,
        Map<String, Object> data, boolean simulated, Optional<String> diff) {
}
