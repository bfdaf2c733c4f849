package dev.steward.exec;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.steward.report.ItemResult;
import java.util.Locale;

/** What one loop item's result must look like; only the fields given are compared. */
record ItemPattern(String task, String host, String label, String status,
        @JsonProperty("message_contains") String messageContains) {

    boolean matches(ItemResult r) {
        return (task == null || task.equals(r.task()))
                && (host == null || host.equals(r.host()))
                && (label == null || label.equals(r.label()))
                && (status == null || status.equals(r.status().name().toLowerCase(Locale.ROOT)))
                && (messageContains == null || r.message().contains(messageContains));
    }

    @Override
    public String toString() {
        return "{task=" + task + ", host=" + host + ", label=" + label + ", status=" + status + ", message_contains="
                + messageContains + "}";
    }
}
