package dev.steward.exec;

import dev.steward.transport.RemoteProcess;
import dev.steward.transport.TransportException;
import dev.steward.transport.TransportException.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One scripted host: answers its commands from the rules, keeps what it received, drops when told. */
final class ScriptedHost {

    private final String name;
    private final List<AnswerRule> rules;
    private final HostBehaviour behaviour;
    private final Map<AnswerRule, Integer> uses = new HashMap<>();
    private final List<ReceivedCommand> received = new ArrayList<>();
    private boolean dropped;

    ScriptedHost(String name, List<AnswerRule> rules, HostBehaviour behaviour) {
        this.name = name;
        this.rules = rules;
        this.behaviour = behaviour;
    }

    String name() {
        return name;
    }

    HostBehaviour behaviour() {
        return behaviour;
    }

    synchronized boolean dropped() {
        return dropped;
    }

    synchronized RemoteProcess start(String commandLine) throws TransportException {
        if (dropped || behaviour.dropAfter().stream().anyMatch(n -> received.size() >= n)) {
            dropped = true;
            throw new TransportException(Reason.DISCONNECTED, "scripted: the connection to " + name + " dropped");
        }
        Optional<SudoCall> sudo = SudoCall.parse(commandLine);
        String command = sudo.map(SudoCall::command).orElse(commandLine);
        CapturedInput stdin = new CapturedInput();
        received.add(new ReceivedCommand(commandLine, command, sudo.map(SudoCall::user), stdin));
        AnswerRule.Answer answer = answer(command);
        // sudo let the command start: its shell prints the marker before anything else
        String stdout = sudo.map(s -> s.marker() + "\n").orElse("") + answer.stdout();
        return new ScriptedProcess(stdout, answer.stderr(), answer.rc(), stdin);
    }

    private AnswerRule.Answer answer(String command) {
        for (AnswerRule rule : rules) {
            int used = uses.getOrDefault(rule, 0);
            if (rule.fits(name, command) && rule.times().stream().allMatch(max -> used < max)) {
                uses.put(rule, used + 1);
                return rule.answerFor(name);
            }
        }
        return DefaultAnswers.NOTHING_TO_SAY;
    }

    synchronized List<ReceivedCommand> received() {
        return List.copyOf(received);
    }
}
