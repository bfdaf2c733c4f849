package dev.steward.module;

import java.util.Optional;

/** A module's decision after probing: nothing to do, or a change with the action that makes it. */
public sealed interface Plan permits Plan.Unchanged, Plan.Change {

    record Unchanged(Result result) implements Plan {
    }

    /**
     * @param summary what would change, for check mode ("create /etc/x", "run: make install")
     * @param certain false when only running it can tell (a {@code command}): check mode says "may change"
     * @param diff the file change, for {@code --diff}
     */
    record Change(String summary, boolean certain, Optional<FileDiff> diff, Action action) implements Plan {
    }

    static Plan unchanged(String msg) {
        return new Unchanged(Result.ok(msg));
    }
}
