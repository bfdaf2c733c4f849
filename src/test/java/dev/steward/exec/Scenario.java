package dev.steward.exec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One file of {@code src/test/resources/semantics}: an inventory and a playbook (inline), the
 * files beside the playbook, the run's options, how the scripted hosts answer, and what must happen.
 */
record Scenario(String description, String inventory, String playbook, Map<String, String> files, Options options,
        List<HostEntry> hosts, Expectations expect) {

    Scenario {
        if (inventory == null || playbook == null || expect == null) {
            throw new IllegalArgumentException("a scenario needs inventory, playbook and expect");
        }
        files = files == null ? Map.of() : files;
        options = options == null ? new Options(null, null, null, null, null, null, null, null, null) : options;
        hosts = hosts == null ? List.of() : hosts;
    }

    /**
     * {@code steward play} options: {@code -e} values as written, {@code --limit}, {@code --forks} (default 5),
     * {@code --check}, {@code --diff}, {@code --tags}, {@code --skip-tags}, {@code --start-at-task},
     * {@code --force-handlers}.
     */
    record Options(@JsonProperty("extra_vars") List<String> extraVars, String limit, Integer forks, Boolean check,
            Boolean diff, List<String> tags, @JsonProperty("skip_tags") List<String> skipTags,
            @JsonProperty("start_at_task") String startAtTask,
            @JsonProperty("force_handlers") Boolean forceHandlers) {
        Options {
            extraVars = extraVars == null ? List.of() : extraVars;
            forks = forks == null ? 5 : forks;
            check = Boolean.TRUE.equals(check);
            diff = Boolean.TRUE.equals(diff);
            tags = tags == null ? List.of() : tags;
            skipTags = skipTags == null ? List.of() : skipTags;
            forceHandlers = Boolean.TRUE.equals(forceHandlers);
        }
    }

    /**
     * Either an answer rule ({@code match} with {@code rc}, {@code stdout}, {@code stderr}, {@code times}) or a
     * declaration of how a host misbehaves ({@code unreachable}, {@code drop_after}).
     */
    record HostEntry(String host, String match, Integer rc, String stdout, String stderr, Integer times,
            Boolean unreachable, @JsonProperty("drop_after") Integer dropAfter) {

        HostEntry {
            host = host == null ? "*" : host;
            boolean isRule = match != null;
            boolean isBehaviour = unreachable != null || dropAfter != null;
            if (isRule == isBehaviour) {
                throw new IllegalArgumentException("a hosts entry is either a rule (match, rc, stdout, stderr, times)"
                        + " or a host's behaviour (unreachable, drop_after): " + host);
            }
        }

        boolean isRule() {
            return match != null;
        }

        AnswerRule rule() {
            return new AnswerRule(host, Pattern.compile(match, Pattern.DOTALL), rc == null ? 0 : rc,
                    stdout == null ? "" : stdout, stderr == null ? "" : stderr,
                    times == null ? OptionalInt.empty() : OptionalInt.of(times));
        }

        HostBehaviour behaviour() {
            return new HostBehaviour(Boolean.TRUE.equals(unreachable),
                    dropAfter == null ? OptionalInt.empty() : OptionalInt.of(dropAfter));
        }
    }

    ScriptedHosts scriptedHosts() {
        List<AnswerRule> rules = new ArrayList<>();
        Map<String, HostBehaviour> behaviours = new LinkedHashMap<>();
        for (HostEntry e : hosts) {
            if (e.isRule()) {
                rules.add(e.rule());
            } else {
                behaviours.put(e.host(), e.behaviour());
            }
        }
        return new ScriptedHosts(rules, behaviours);
    }
}
