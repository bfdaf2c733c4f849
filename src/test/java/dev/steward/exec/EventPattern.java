package dev.steward.exec;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.steward.report.HostResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a host result must look like; only the fields given are compared.
 *
 * @param status ok, changed, skipped, failed or unreachable
 * @param messageContains text the message must contain
 * @param message the whole message
 * @param diffContains text the result's diff must contain
 * @param noDiff true when the result must carry no diff
 */
record EventPattern(String task, String host, String status, @JsonProperty("message_contains") String messageContains,
        String message, @JsonProperty("diff_contains") String diffContains, @JsonProperty("no_diff") Boolean noDiff) {

    boolean matches(HostResult r) {
        return (task == null || task.equals(r.task()))
                && (host == null || host.equals(r.host()))
                && (status == null || status.equals(statusOf(r)))
                && (messageContains == null || r.message().contains(messageContains))
                && (message == null || message.equals(r.message()))
                && (diffContains == null || r.diff().map(d -> d.contains(diffContains)).orElse(false))
                && (noDiff == null || noDiff == r.diff().isEmpty());
    }

    static String statusOf(HostResult r) {
        return r.status().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (task != null) {
            parts.add("task=" + task);
        }
        if (host != null) {
            parts.add("host=" + host);
        }
        if (status != null) {
            parts.add("status=" + status);
        }
        if (messageContains != null) {
            parts.add("message_contains=" + messageContains);
        }
        if (message != null) {
            parts.add("message=" + message);
        }
        if (diffContains != null) {
            parts.add("diff_contains=" + diffContains);
        }
        if (noDiff != null) {
            parts.add("no_diff=" + noDiff);
        }
        return "{" + String.join(", ", parts) + "}";
    }
}
