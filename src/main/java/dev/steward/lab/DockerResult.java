package dev.steward.lab;

/** What one {@code docker} command printed and how it ended. */
public record DockerResult(int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** The first line of stderr, for short messages. */
    public String firstErrorLine() {
        String text = stderr.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
