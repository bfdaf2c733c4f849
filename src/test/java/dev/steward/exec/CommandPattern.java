package dev.steward.exec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A command a host received, described by regular expressions found in it. Written as a plain
 * string (the command) or a map.
 *
 * @param match found in the command (unwrapped from sudo)
 * @param become the user sudo ran it as, or {@code none} for a command without become
 * @param stdin found in what the command was fed
 * @param sent found in the command line exactly as sent (sudo wrapper included)
 */
record CommandPattern(String match, String become, String stdin, String sent) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    CommandPattern(@JsonProperty("match") String match, @JsonProperty("become") String become,
            @JsonProperty("stdin") String stdin, @JsonProperty("sent") String sent) {
        this.match = match;
        this.become = become;
        this.stdin = stdin;
        this.sent = sent;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static CommandPattern of(String match) {
        return new CommandPattern(match, null, null, null);
    }

    boolean fits(ReceivedCommand c) {
        return (match == null || found(match, c.command()))
                && (become == null || become.equals(c.becomeUser().orElse("none")))
                && (stdin == null || found(stdin, c.stdin()))
                && (sent == null || found(sent, c.sent()));
    }

    private static boolean found(String regex, String text) {
        return Pattern.compile(regex, Pattern.DOTALL).matcher(text).find();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (match != null) {
            parts.add("match=/" + match + "/");
        }
        if (become != null) {
            parts.add("become=" + become);
        }
        if (stdin != null) {
            parts.add("stdin=/" + stdin + "/");
        }
        if (sent != null) {
            parts.add("sent=/" + sent + "/");
        }
        return "{" + String.join(", ", parts) + "}";
    }
}
