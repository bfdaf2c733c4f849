package dev.steward.report;

import java.time.Duration;
import java.util.Map;

/**
 * One task's outcome on one host.
 *
 * @param message what happened, or why it failed (host, task, module, command, exit code, stderr end)
 * @param data what {@code register} keeps; never holds secrets marked {@code no_log}
 * @param ignored true when the task failed but {@code ignore_errors} let the host go on
 */
public record HostResult(String host, String task, String module, Status status, String message,
        Map<String, Object> data, Duration duration, boolean ignored) {
}
