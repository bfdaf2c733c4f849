package dev.steward.playbook;

import dev.steward.source.SourceLocation;
import dev.steward.source.YNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One task: exactly one module call plus task keywords.
 *
 * @param args the module's parameters as written: a map, or a scalar for free-form modules
 *     ({@code shell: echo hi}); rendered per host when the task runs
 * @param baseDir where its templates and files are looked up: the role's folder, or the playbook's
 * @param listen for handlers: the topics it answers besides its name
 */
public record Task(
        String name,
        SourceLocation location,
        String module,
        SourceLocation moduleLocation,
        YNode args,
        TaskOptions options,
        Optional<Loop> loop,
        Optional<String> register,
        List<String> notifies,
        Optional<Expr> changedWhen,
        Optional<Expr> failedWhen,
        Optional<Retry> retry,
        List<String> listen,
        Path baseDir) implements TaskItem {

    public Task {
        notifies = List.copyOf(notifies);
        listen = List.copyOf(listen);
    }

    /** The header Ansible users know: the name, or the module when unnamed. */
    public String title() {
        return name.isEmpty() ? module : name;
    }

    public List<Expr> when() {
        return options.when();
    }

    public Optional<Boolean> become() {
        return options.become();
    }

    public Optional<String> becomeUser() {
        return options.becomeUser();
    }

    /** The same task with the options of everything around it folded in. */
    public Task inside(TaskOptions outer) {
        return new Task(name, location, module, moduleLocation, args, options.inside(outer), loop, register, notifies,
                changedWhen, failedWhen, retry, listen, baseDir);
    }
}
