package dev.steward.playbook;

import dev.steward.source.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One play: which hosts, with which settings, run which tasks.
 *
 * @param vars raw play variables (rendered where they are used)
 */
public record Play(
        String name,
        String hosts,
        SourceLocation location,
        Optional<Boolean> become,
        Optional<String> becomeUser,
        Map<String, Object> vars,
        SourceLocation varsLocation,
        boolean gatherFacts,
        List<Task> tasks) {

    public Play {
        tasks = List.copyOf(tasks);
    }

    /** The header Ansible users know: the name, or the host pattern when unnamed. */
    public String title() {
        return name.isEmpty() ? hosts : name;
    }
}
