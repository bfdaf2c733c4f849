package dev.steward.exec;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * How a scripted host answers commands: the first rule whose host and pattern fit (and that has
 * uses left on that host) gives the exit code and output. {@code {{host}}} in the output stands
 * for the host's inventory name.
 *
 * @param host a host name, or {@code *} for every host
 * @param match a regular expression found anywhere in the command (the inner command under become)
 * @param times how many commands on each host it may answer; empty for no limit
 */
public record AnswerRule(String host, Pattern match, int rc, String stdout, String stderr, OptionalInt times) {

    public static AnswerRule of(String host, String regex, int rc, String stdout, String stderr) {
        return new AnswerRule(host, Pattern.compile(regex), rc, stdout, stderr, OptionalInt.empty());
    }

    boolean fits(String hostName, String command) {
        return (host.equals("*") || host.equals(hostName)) && match.matcher(command).find();
    }

    Answer answerFor(String hostName) {
        return new Answer(rc, stdout.replace("{{host}}", hostName), stderr.replace("{{host}}", hostName));
    }

    /** What a command printed and how it ended. */
    public record Answer(int rc, String stdout, String stderr) {
    }
}
