package dev.steward.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The keywords Steward reads at each level, and Ansible's that it knows but does not run (yet). */
public final class Keywords {

    private Keywords() {
    }

    /** Keywords that set {@link TaskOptions}: allowed on plays, blocks, includes, roles and tasks. */
    public static final List<String> OPTIONS = List.of("when", "become", "become_user", "tags", "ignore_errors",
            "no_log", "delegate_to", "run_once", "check_mode", "diff", "environment", "vars");

    public static final List<String> PLAY = concat(List.of("name", "hosts", "vars_files", "gather_facts", "tasks",
            "pre_tasks", "post_tasks", "handlers", "roles", "force_handlers", "any_errors_fatal", "serial", "order",
            "max_fail_percentage", "health_check"),
            List.of("become", "become_user", "tags", "ignore_errors", "no_log", "check_mode", "diff", "environment",
                    "vars"));

    public static final List<String> TASK = concat(List.of("name", "loop", "loop_control", "register", "notify",
            "changed_when", "failed_when", "retries", "until", "delay"), OPTIONS);

    public static final List<String> HANDLER = concat(TASK, List.of("listen"));

    public static final List<String> BLOCK = concat(List.of("name", "block", "rescue", "always"), OPTIONS);

    public static final List<String> INCLUDE = concat(List.of("name", "import_tasks", "include_tasks"), OPTIONS);

    public static final List<String> ROLE = List.of("role", "name", "vars", "when", "tags", "become", "become_user",
            "environment", "no_log", "ignore_errors", "delegate_to", "check_mode", "diff");

    public static final List<String> HEALTH_CHECK = List.of("http", "tcp", "command", "from", "interval",
            "timeout", "successes");

    public static final List<String> LOOP_CONTROL = List.of("loop_var", "label");

    /** Ansible keywords with the reason Steward does not take them, or what to write instead. */
    public static final Map<String, String> NOT_SUPPORTED = Map.ofEntries(
            Map.entry("strategy", "Steward runs the linear strategy only"),
            Map.entry("with_items", "write 'loop:' instead"),
            Map.entry("with_list", "write 'loop:' instead"),
            Map.entry("with_dict", "write 'loop: ${dict?keys}' instead"),
            Map.entry("args", "put the parameters under the module's own key"),
            Map.entry("include_role", "list the role under the play's 'roles:'"),
            Map.entry("import_role", "list the role under the play's 'roles:'"),
            Map.entry("async", "not supported by Steward"),
            Map.entry("poll", "not supported by Steward"),
            Map.entry("local_action", "write 'delegate_to: localhost' instead"),
            Map.entry("connection", "not supported by Steward: hosts are reached over SSH, 'localhost' locally"));

    public static final Set<String> TASK_FILE_KEYS = Set.of("import_tasks", "include_tasks");

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        b.stream().filter(k -> !out.contains(k)).forEach(out::add);
        return List.copyOf(out);
    }
}
