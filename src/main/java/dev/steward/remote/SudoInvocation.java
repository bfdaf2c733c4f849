package dev.steward.remote;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How a command is wrapped in sudo. A prompt and a marker unique to this run let the runner tell
 * sudo's password prompt from the command's own output and know exactly when the command starts.
 */
final class SudoInvocation {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Become become;
    private final String prompt;
    private final String marker;

    SudoInvocation(Become become) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String id = HexFormat.of().formatHex(nonce);
        this.become = become;
        // no '%' in the prompt: sudo expands %-escapes in it
        this.prompt = "[steward-sudo-" + id + "] password: ";
        this.marker = "STEWARD-BECOME-" + id;
    }

    /** {@code sudo -H -S -p PROMPT -u USER /bin/sh -c 'echo MARKER; exec /bin/sh -c ORIGINAL'}. */
    String commandLine(String original) {
        String inner = "echo " + marker + "; exec /bin/sh -c " + ShellQuote.quote(original);
        return "sudo -H -S -p " + ShellQuote.quote(prompt) + " -u " + ShellQuote.quote(become.user())
                + " /bin/sh -c " + ShellQuote.quote(inner);
    }

    Become become() {
        return become;
    }

    byte[] promptBytes() {
        return prompt.getBytes(StandardCharsets.UTF_8);
    }

    /** The marker line as the command's shell prints it. */
    byte[] markerLineBytes() {
        return (marker + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SudoInvocation[" + become + "]";
    }
}
