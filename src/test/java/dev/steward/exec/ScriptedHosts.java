package dev.steward.exec;

import dev.steward.inventory.Host;
import dev.steward.transport.Connection;
import dev.steward.transport.TransportException;
import dev.steward.transport.TransportException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Connector} to hosts that exist only as a script, for engine tests without a network.
 * Commands are answered by the first fitting {@link AnswerRule}, then by {@link DefaultAnswers}
 * (Debian 13 facts, absent files, success). Become works as with passwordless sudo: the wrapper
 * is unwrapped, rules see the inner command, and the marker is printed first. Every command a host
 * received is kept, with its stdin, for assertions.
 */
public final class ScriptedHosts implements Connector {

    private final List<AnswerRule> rules;
    private final Map<String, HostBehaviour> behaviours;
    private final Map<String, ScriptedHost> hosts = new ConcurrentHashMap<>();

    public ScriptedHosts(List<AnswerRule> rules, Map<String, HostBehaviour> behaviours) {
        List<AnswerRule> all = new ArrayList<>(rules);
        all.addAll(DefaultAnswers.RULES);
        this.rules = List.copyOf(all);
        this.behaviours = Map.copyOf(behaviours);
    }

    /** Hosts that answer every command with the defaults. */
    public static ScriptedHosts healthy() {
        return new ScriptedHosts(List.of(), Map.of());
    }

    @Override
    public Connection connect(Host host) throws TransportException {
        ScriptedHost scripted = hosts.computeIfAbsent(host.name(),
                n -> new ScriptedHost(n, rules, behaviours.getOrDefault(n, HostBehaviour.HEALTHY)));
        if (scripted.behaviour().unreachable()) {
            throw new TransportException(Reason.CONNECT_FAILED, "scripted: " + host.name() + " does not answer");
        }
        return new ScriptedConnection(scripted);
    }

    /** The commands {@code host} received, in order; empty when it was never contacted. */
    public List<ReceivedCommand> commandsOf(String host) {
        ScriptedHost h = hosts.get(host);
        return h == null ? List.of() : h.received();
    }

    /** The hosts the engine tried to connect to. */
    public Set<String> contacted() {
        return Set.copyOf(hosts.keySet());
    }
}
