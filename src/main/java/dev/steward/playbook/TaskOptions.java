package dev.steward.playbook;

import dev.steward.source.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keywords a play, a block, an include or a role sets for the tasks inside it, and a task for
 * itself. Inner settings win over outer ones; conditions and tags add up ({@link #inside}).
 *
 * @param environment raw environment variables for commands (rendered per host; never on a command line)
 * @param vars raw variables of this level
 * @param includeVars raw variables given to {@code import_tasks}/{@code include_tasks}: their own level, above
 *     block and task vars
 */
public record TaskOptions(
        List<Expr> when,
        Optional<Boolean> become,
        Optional<String> becomeUser,
        List<String> tags,
        Optional<Boolean> ignoreErrors,
        Optional<Boolean> noLog,
        Optional<String> delegateTo,
        Optional<RunOnce> runOnce,
        Optional<Boolean> checkMode,
        Optional<Boolean> diff,
        Map<String, Object> environment,
        Map<String, Object> vars,
        SourceLocation varsLocation,
        Map<String, Object> includeVars,
        SourceLocation includeVarsLocation) {

    public static final TaskOptions NONE = new TaskOptions(List.of(), Optional.empty(), Optional.empty(), List.of(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Map.of(), Map.of(), SourceLocation.UNKNOWN);

    /** Options without include vars (every level but an include's). */
    public TaskOptions(List<Expr> when, Optional<Boolean> become, Optional<String> becomeUser, List<String> tags,
            Optional<Boolean> ignoreErrors, Optional<Boolean> noLog, Optional<String> delegateTo,
            Optional<RunOnce> runOnce, Optional<Boolean> checkMode, Optional<Boolean> diff,
            Map<String, Object> environment, Map<String, Object> vars, SourceLocation varsLocation) {
        this(when, become, becomeUser, tags, ignoreErrors, noLog, delegateTo, runOnce, checkMode, diff, environment,
                vars, varsLocation, Map.of(), SourceLocation.UNKNOWN);
    }

    public TaskOptions {
        when = List.copyOf(when);
        tags = List.copyOf(tags);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        includeVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(includeVars));
    }

    /** These options on an include: its {@code vars} become include vars, which win over the tasks' own. */
    public TaskOptions asIncludeVars() {
        return new TaskOptions(when, become, becomeUser, tags, ignoreErrors, noLog, delegateTo, runOnce, checkMode,
                diff, environment, Map.of(), SourceLocation.UNKNOWN, vars, varsLocation);
    }

    /** {@code run_once: true} is once per batch (Ansible's meaning); {@code run_once: play} once per play. */
    public enum RunOnce { BATCH, PLAY }

    /** These options as seen from inside {@code outer}: conditions and tags add up, the rest is overridden. */
    public TaskOptions inside(TaskOptions outer) {
        List<Expr> allWhen = new java.util.ArrayList<>(outer.when);
        allWhen.addAll(when);
        java.util.LinkedHashSet<String> allTags = new java.util.LinkedHashSet<>(outer.tags);
        allTags.addAll(tags);
        Map<String, Object> env = new java.util.LinkedHashMap<>(outer.environment);
        env.putAll(environment);
        Map<String, Object> allVars = new java.util.LinkedHashMap<>(outer.vars);
        allVars.putAll(vars);
        Map<String, Object> allIncludeVars = new java.util.LinkedHashMap<>(outer.includeVars);
        allIncludeVars.putAll(includeVars);
        return new TaskOptions(allWhen, become.or(() -> outer.become), becomeUser.or(() -> outer.becomeUser),
                List.copyOf(allTags), ignoreErrors.or(() -> outer.ignoreErrors), noLog.or(() -> outer.noLog),
                delegateTo.or(() -> outer.delegateTo), runOnce.or(() -> outer.runOnce),
                checkMode.or(() -> outer.checkMode), diff.or(() -> outer.diff), env, allVars,
                vars.isEmpty() ? outer.varsLocation : varsLocation, allIncludeVars,
                includeVars.isEmpty() ? outer.includeVarsLocation : includeVarsLocation);
    }
}
