package dev.steward.engine;

import dev.steward.lock.LockOptions;
import dev.steward.report.Reporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code steward play} asks for.
 *
 * @param limit a host pattern narrowing every play, or {@code @FILE} with one host per line
 * @param extraVars {@code -e} values as written: {@code k=v}, {@code @file.yml}, or a JSON/YAML map
 * @param check probe only: report what would change and change nothing
 * @param startAtTask skip every task before the first one with this name
 * @param lock the deploy lock taken on every target host (see {@link dev.steward.lock.DeployLocks})
 */
public record PlayRequest(Path playbook, Path inventory, Optional<String> limit, int forks, List<String> extraVars,
        Reporter reporter, boolean check, boolean diff, List<String> tags, List<String> skipTags,
        Optional<String> startAtTask, boolean forceHandlers, LockOptions lock) {

    /** A request that locks its hosts as {@code play PLAYBOOK}, without breaking another run's lock. */
    public PlayRequest(Path playbook, Path inventory, Optional<String> limit, int forks, List<String> extraVars,
            Reporter reporter, boolean check, boolean diff, List<String> tags, List<String> skipTags,
            Optional<String> startAtTask, boolean forceHandlers) {
        this(playbook, inventory, limit, forks, extraVars, reporter, check, diff, tags, skipTags, startAtTask,
                forceHandlers, LockOptions.of("play " + playbook, false));
    }

    /** The same request with another lock setting (e.g. {@code upgrade} naming itself, --break-lock). */
    public PlayRequest withLock(LockOptions other) {
        return new PlayRequest(playbook, inventory, limit, forks, extraVars, reporter, check, diff, tags, skipTags,
                startAtTask, forceHandlers, other);
    }

    public PlayRequest(Path playbook, Path inventory, Optional<String> limit, int forks, List<String> extraVars,
            Reporter reporter) {
        this(playbook, inventory, limit, forks, extraVars, reporter, false, false, List.of(), List.of(),
                Optional.empty(), false);
    }
}
