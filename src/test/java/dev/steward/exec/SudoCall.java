package dev.steward.exec;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line wrapped for become by {@code SudoInvocation}:
 * {@code sudo -H -S -p PROMPT -u USER /bin/sh -c 'echo MARKER; exec /bin/sh -c ORIGINAL'}.
 * A scripted host reads it back to answer the inner command and to print the marker as sudo's
 * shell would once sudo lets the command start.
 *
 * @param command the original command, what rules match against
 */
record SudoCall(String user, String prompt, String marker, String command) {

    private static final Pattern INNER = Pattern.compile("echo (\\S+); exec /bin/sh -c (.*)", Pattern.DOTALL);

    /** The call, or empty when {@code line} does not start with sudo; a sudo line off the protocol is an error. */
    static Optional<SudoCall> parse(String line) {
        if (!line.startsWith("sudo ")) {
            return Optional.empty();
        }
        List<String> words = ShellWords.split(line);
        String prompt = null;
        String user = "root";
        int i = 1;
        for (; i < words.size() && words.get(i).startsWith("-"); i++) {
            switch (words.get(i)) {
                case "-H", "-S" -> { }
                case "-p" -> prompt = words.get(++i);
                case "-u" -> user = words.get(++i);
                default -> throw offProtocol(line, "unknown option " + words.get(i));
            }
        }
        if (prompt == null || words.size() != i + 3 || !words.get(i).equals("/bin/sh") || !words.get(i + 1).equals("-c")) {
            throw offProtocol(line, "expected -p PROMPT and /bin/sh -c SCRIPT");
        }
        Matcher inner = INNER.matcher(words.get(i + 2));
        if (!inner.matches()) {
            throw offProtocol(line, "expected 'echo MARKER; exec /bin/sh -c COMMAND'");
        }
        List<String> original = ShellWords.split(inner.group(2));
        if (original.size() != 1) {
            throw offProtocol(line, "the command is not one quoted word");
        }
        return Optional.of(new SudoCall(user, prompt, inner.group(1), original.get(0)));
    }

    private static IllegalStateException offProtocol(String line, String why) {
        return new IllegalStateException("a scripted host cannot read this sudo command (" + why + "): " + line);
    }
}
