package dev.steward.exec;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How a run goes, from the command line.
 *
 * @param forks how many hosts work at the same time
 * @param extraVars {@code -e} variables: they win over everything
 * @param commandTimeout how long one remote command may run
 * @param check probe only: report what would change, change nothing
 * @param diff show file changes as unified diffs
 * @param startAtTask skip every task before the first one with this name
 * @param interruption asked (Ctrl-C) to stop after the step in flight
 */
public record RunSettings(int forks, Map<String, Object> extraVars, Duration commandTimeout, boolean check,
        boolean diff, TagFilter tags, Optional<String> startAtTask, boolean forceHandlers, Interruption interruption) {

    public RunSettings(int forks, Map<String, Object> extraVars, Duration commandTimeout, boolean check,
            boolean diff, TagFilter tags, Optional<String> startAtTask, boolean forceHandlers) {
        this(forks, extraVars, commandTimeout, check, diff, tags, startAtTask, forceHandlers, Interruption.NEVER);
    }

    public RunSettings(int forks, Map<String, Object> extraVars, Duration commandTimeout) {
        this(forks, extraVars, commandTimeout, false, false, TagFilter.ALL, Optional.empty(), false);
    }
}
