package dev.steward.exec;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * What every scripted host answers when no rule of the scenario fits: the facts of a Debian 13
 * machine (so plays that gather facts work), and "absent, in an existing folder" for a file probe.
 * Any other command succeeds and prints nothing.
 */
final class DefaultAnswers {

    static final String DEBIAN_13_FACTS = """
            os_id=debian
            os_version=13
            os_codename=trixie
            os_like=
            arch=x86_64
            kernel=6.12.48+deb13-amd64
            cpus=2
            memory_mb=3915
            disk_free_mb=20480
            hostname={{host}}
            user=steward
            """;

    /** Recognises the facts script of {@code HostFacts} by what only it prints. */
    static final String FACTS_SCRIPT = Pattern.quote("/etc/os-release") + ".*" + Pattern.quote("os_id=");

    /** Recognises the probe of {@code FileState}. */
    static final String FILE_PROBE = Pattern.quote("echo \"type=$t\"");

    static final List<AnswerRule> RULES = List.of(
            new AnswerRule("*", Pattern.compile(FACTS_SCRIPT, Pattern.DOTALL), 0, DEBIAN_13_FACTS, "", OptionalInt.empty()),
            AnswerRule.of("*", FILE_PROBE, 0, "type=absent\nparent=yes\n", ""));

    static final AnswerRule.Answer NOTHING_TO_SAY = new AnswerRule.Answer(0, "", "");

    private DefaultAnswers() {
    }
}
