package dev.steward.exec;

import java.time.Duration;
import java.util.Map;

/**
 * How a run goes, from the command line.
 *
 * @param forks how many hosts work at the same time
 * @param extraVars {@code -e} variables: they win over everything
 * @param commandTimeout how long one remote command may run
 */
public record RunSettings(int forks, Map<String, Object> extraVars, Duration commandTimeout) {
}
