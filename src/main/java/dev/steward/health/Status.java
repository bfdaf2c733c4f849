package dev.steward.health;

/** How one health check came out; the value is what Prometheus output shows for it. */
public enum Status {
    OK("ok", "1"),
    WARN("warn", "0.5"),
    FAIL("fail", "0");

    private final String label;
    private final String metric;

    Status(String label, String metric) {
        this.label = label;
        this.metric = metric;
    }

    /** {@code ok}, {@code warn} or {@code fail}: what the table and JSON show. */
    public String label() {
        return label;
    }

    /** {@code 1}, {@code 0.5} or {@code 0}: the sample value of {@code steward_check}. */
    public String metric() {
        return metric;
    }
}
