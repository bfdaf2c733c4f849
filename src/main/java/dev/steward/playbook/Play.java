package dev.steward.playbook;

import dev.steward.source.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One play: which hosts, with which settings, run which tasks. Roles are already expanded: their
 * tasks lead {@code tasks}, their handlers join {@code handlers}, their defaults and vars are the
 * play's {@code roleDefaults} and {@code roleVars} layers.
 *
 * @param options play-level keywords every task inherits (become, tags, environment…)
 * @param vars raw play variables (rendered where they are used)
 * @param varsFiles the variables of each {@code vars_files} entry, in order
 */
public record Play(
        String name,
        String hosts,
        SourceLocation location,
        TaskOptions options,
        Map<String, Object> vars,
        SourceLocation varsLocation,
        List<VarsFile> varsFiles,
        boolean gatherFacts,
        boolean forceHandlers,
        boolean anyErrorsFatal,
        List<TaskItem> preTasks,
        List<TaskItem> tasks,
        List<TaskItem> postTasks,
        List<Task> handlers,
        Map<String, Object> roleDefaults,
        Map<String, Object> roleVars,
        Batching batching) {

    public Play {
        varsFiles = List.copyOf(varsFiles);
        preTasks = List.copyOf(preTasks);
        tasks = List.copyOf(tasks);
        postTasks = List.copyOf(postTasks);
        handlers = List.copyOf(handlers);
    }

    /**
     * How the play walks its hosts: in which {@code order}, in batches of {@code serial}, stopping
     * when more than {@code maxFailPercentage} of a batch failed (or all of it, without the setting),
     * or when a batch does not pass its {@code healthCheck}.
     */
    public record Batching(Optional<Serial> serial, HostOrder order, Optional<Integer> maxFailPercentage,
            Optional<HealthCheck> healthCheck) {
        public static final Batching NONE = new Batching(Optional.empty(), HostOrder.INVENTORY, Optional.empty(),
                Optional.empty());
    }

    /** A file of variables and where it was read from. */
    public record VarsFile(String path, Map<String, Object> vars, SourceLocation location) {
    }

    /** The header Ansible users know: the name, or the host pattern when unnamed. */
    public String title() {
        return name.isEmpty() ? hosts : name;
    }

    public Optional<Boolean> become() {
        return options.become();
    }

    public Optional<String> becomeUser() {
        return options.becomeUser();
    }

    /** Every task of the play, in order: pre_tasks, tasks and post_tasks with their blocks opened, then the handlers. */
    public List<Task> allTasks() {
        List<Task> all = new ArrayList<>();
        for (List<TaskItem> section : List.of(preTasks, tasks, postTasks)) {
            addTasks(section, all);
        }
        all.addAll(handlers);
        return all;
    }

    private static void addTasks(List<TaskItem> items, List<Task> into) {
        for (TaskItem item : items) {
            if (item instanceof Task t) {
                into.add(t);
            } else if (item instanceof Block b) {
                addTasks(b.block(), into);
                addTasks(b.rescue(), into);
                addTasks(b.always(), into);
            }
        }
    }
}
