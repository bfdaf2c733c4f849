package dev.steward.exec;

import dev.steward.inventory.Host;
import dev.steward.playbook.TaskOptions;
import dev.steward.remote.HostSession;
import dev.steward.source.SourceLocation;
import dev.steward.vars.Vars;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One host during a run: its connection, the variables of the play it is in, what its tasks
 * registered and set, the handlers it notified, and whether it is still in the game. Only the
 * thread running this host's task touches it at a time.
 */
final class HostState {

    private final Host host;
    private HostSession session;
    private boolean unreachable;
    private boolean failed;
    private boolean ended;
    private Vars playVars = Vars.EMPTY;
    private Map<String, Object> facts = Map.of();
    private final Map<String, Object> registered = new LinkedHashMap<>();
    private final Set<String> notified = new LinkedHashSet<>();

    HostState(Host host) {
        this.host = host;
    }

    Host host() {
        return host;
    }

    String name() {
        return host.name();
    }

    Optional<HostSession> session() {
        return Optional.ofNullable(session);
    }

    void connected(HostSession s) {
        this.session = s;
    }

    boolean active() {
        return !unreachable && !failed && !ended;
    }

    boolean unreachable() {
        return unreachable;
    }

    boolean failed() {
        return failed;
    }

    void markUnreachable() {
        unreachable = true;
    }

    void markFailed() {
        failed = true;
    }

    /** A rescue block takes over the failure, or an always block runs regardless of it. */
    void clearFailure() {
        failed = false;
    }

    /** {@code meta: end_host}: no more tasks for this host in this play. */
    void end() {
        ended = true;
    }

    /** A new play begins; a host that failed stays out for the rest of the run, as in Ansible. */
    void startPlay(Vars vars) {
        playVars = vars;
        ended = false;
        notified.clear();
    }

    void facts(Map<String, Object> gathered) {
        facts = gathered;
    }

    Map<String, Object> facts() {
        return facts;
    }

    /** {@code register} and {@code set_fact}: one precedence level, the later wins. */
    void register(String name, Object value) {
        registered.put(name, value);
    }

    Object registeredValue(String name) {
        return registered.get(name);
    }

    void notifyHandlers(List<String> handlers) {
        notified.addAll(handlers);
    }

    /** The handler names and listen topics notified so far, forgotten: a flush is about to run them. */
    Set<String> takeNotifications() {
        Set<String> taken = new LinkedHashSet<>(notified);
        notified.clear();
        return taken;
    }

    /** The notified handlers that have not run, in the order they were notified. */
    List<String> pendingNotifications() {
        return List.copyOf(notified);
    }

    /**
     * The variables a task sees, lowest first: the play's layers, block and task vars, include vars,
     * registered results and set_fact, the loop variable, then extra vars on top.
     */
    Vars vars(TaskOptions options, Map<String, Object> loopVars, Map<String, Object> extraVars) {
        return playVars.with("block and task vars", options.vars(), options.varsLocation())
                .with("include vars", options.includeVars(), options.includeVarsLocation())
                .withData("registered and set_fact", registered)
                .withData("loop", loopVars)
                .with("extra vars", extraVars, SourceLocation.UNKNOWN);
    }
}
