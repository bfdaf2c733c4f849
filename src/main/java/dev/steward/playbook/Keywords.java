package dev.steward.playbook;

import java.util.List;
import java.util.Set;

/** Ansible's play and task keywords: the ones Steward reads, and the ones it knows but does not run yet. */
final class Keywords {

    private Keywords() {
    }

    static final List<String> PLAY = List.of("name", "hosts", "become", "become_user", "vars", "gather_facts",
            "tasks");

    static final Set<String> PLAY_LATER = Set.of("vars_files", "serial", "order", "max_fail_percentage",
            "any_errors_fatal", "roles", "pre_tasks", "post_tasks", "handlers", "force_handlers", "strategy",
            "environment", "tags", "no_log", "run_once", "check_mode", "diff", "ignore_errors");

    static final List<String> TASK = List.of("name", "when", "register", "become", "become_user");

    static final Set<String> TASK_LATER = Set.of("loop", "loop_control", "with_items", "notify", "changed_when",
            "failed_when", "ignore_errors", "tags", "retries", "until", "delay", "no_log", "delegate_to",
            "run_once", "check_mode", "diff", "environment", "vars", "block", "rescue", "always", "listen",
            "args", "import_tasks", "include_tasks", "import_playbook", "include_role", "import_role");
}
