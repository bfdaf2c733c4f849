package dev.steward.engine;

import dev.steward.report.Recap;

/** How a run ended, and the exit code Ansible users expect for it. */
public record RunSummary(Recap recap, int exitCode) {

    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int HOST_FAILED = 2;
    public static final int HOST_UNREACHABLE = 3;
    public static final int INVALID = 4;
    public static final int BAD_OPTIONS = 5;
    public static final int INTERRUPTED = 99;
    public static final int UNEXPECTED = 250;

    /** 2 when a host failed (even if others were unreachable), 3 when hosts were only unreachable. */
    public static RunSummary of(Recap recap) {
        int code = recap.anyFailed() ? HOST_FAILED : recap.anyUnreachable() ? HOST_UNREACHABLE : OK;
        return new RunSummary(recap, code);
    }
}
