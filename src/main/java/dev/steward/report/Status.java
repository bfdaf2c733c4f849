package dev.steward.report;

/** How a task ended on one host, as Ansible users read it. */
public enum Status {
    OK("ok"), CHANGED("changed"), SKIPPED("skipping"), FAILED("fatal"), UNREACHABLE("fatal");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
