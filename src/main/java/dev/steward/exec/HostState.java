package dev.steward.exec;

import dev.steward.inventory.Host;
import dev.steward.remote.HostSession;
import dev.steward.vars.Vars;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One host during a run: its connection, the variables of the play it is in, what its tasks
 * registered, and whether it is still in the game. Only the thread running this host's task
 * touches it at a time.
 */
final class HostState {

    private final Host host;
    private HostSession session;
    private boolean unreachable;
    private boolean failed;
    private Vars playVars = Vars.EMPTY;
    private Map<String, Object> facts = Map.of();
    private final Map<String, Object> registered = new LinkedHashMap<>();

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
        return !unreachable && !failed;
    }

    boolean unreachable() {
        return unreachable;
    }

    void markUnreachable() {
        unreachable = true;
    }

    void markFailed() {
        failed = true;
    }

    /** A new play begins; a host that failed stays out for the rest of the run, as in Ansible. */
    void startPlay(Vars vars) {
        playVars = vars;
    }

    void facts(Map<String, Object> gathered) {
        facts = gathered;
    }

    Map<String, Object> facts() {
        return facts;
    }

    void register(String name, Object value) {
        registered.put(name, value);
    }

    /** The variables a task sees: the play's layers, then registered results, then extra vars on top. */
    Vars vars(Map<String, Object> extraVars) {
        return playVars.withData("registered", registered).with("extra vars", extraVars,
                dev.steward.source.SourceLocation.UNKNOWN);
    }
}
