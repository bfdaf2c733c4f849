package dev.steward.playbook;

import dev.steward.source.SourceLocation;
import dev.steward.source.YNode;
import java.util.List;
import java.util.Optional;

/**
 * One task: exactly one module call plus task keywords.
 *
 * @param args the module's parameters as written: a map, or a scalar for free-form modules
 *     ({@code shell: echo hi}); rendered per host when the task runs
 * @param when conditions that must all be true (a list in YAML means "and")
 */
public record Task(
        String name,
        SourceLocation location,
        String module,
        SourceLocation moduleLocation,
        YNode args,
        List<Expr> when,
        Optional<String> register,
        Optional<Boolean> become,
        Optional<String> becomeUser) {

    public Task {
        when = List.copyOf(when);
    }

    /** The header Ansible users know: the name, or the module when unnamed. */
    public String title() {
        return name.isEmpty() ? module : name;
    }
}
