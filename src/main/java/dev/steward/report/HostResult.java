package dev.steward.report;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One task's outcome on one host (or one loop item's, for {@link Reporter#itemResult}).
 *
 * @param message what happened, or why it failed (host, task, module, command, exit code, stderr end)
 * @param data what {@code register} keeps; hidden when the task has {@code no_log}
 * @param ignored true when the task failed but {@code ignore_errors} let the host go on
 * @param simulated true in check mode: the change was planned, not made
 * @param diff a unified diff of the file change, when {@code --diff} asked for it
 */
public record HostResult(String host, String task, String module, Status status, String message,
        Map<String, Object> data, Duration duration, boolean ignored, boolean simulated, Optional<String> diff) {

    public HostResult(String host, String task, String module, Status status, String message, Map<String, Object> data,
            Duration duration, boolean ignored) {
        this(host, task, module, status, message, data, duration, ignored, false, Optional.empty());
    }
}
