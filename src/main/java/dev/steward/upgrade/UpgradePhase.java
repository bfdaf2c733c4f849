package dev.steward.upgrade;

/** What a node is doing during an upgrade, as the --report picture colours it. */
public enum UpgradePhase {
    SERVING("serving (holds the lease)", "#2e9d4f"),
    WAITING("standing by (waiting for the lease)", "#4a7fd1"),
    BACKUP("backing up the database (still serving)", "#1aa3a3"),
    STOPPING("stopping", "#e08a1e"),
    STOPPED("stopped (the lease is handed over)", "#9a9a9a"),
    STARTING("starting on the new version", "#e8c547"),
    CHECKING("health gate (settling)", "#9b6fd1"),
    FAILED("failed", "#d43a3a");

    private final String label;
    private final String colour;

    UpgradePhase(String label, String colour) {
        this.label = label;
        this.colour = colour;
    }

    public String label() {
        return label;
    }

    public String colour() {
        return colour;
    }

    /** The lower-case name used in the HTML's classes and data attributes. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
