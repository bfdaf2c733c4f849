package dev.steward.testing;

import dev.steward.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The steward command line run in-process, as a user would, capturing what it prints and its exit code.
 * System.out, System.err and System.in are global: one run at a time. What a run printed is echoed to the
 * real streams afterwards, so a test's log still shows it.
 */
public record CliRun(int exitCode, String out, String err) {

    private static final Object LOCK = new Object();

    /** Runs {@code steward args…} with nothing on standard input. */
    public static CliRun of(String... args) {
        return withStdin("", args);
    }

    /** Runs {@code steward args…} with {@code stdin} as what it reads from standard input. */
    public static CliRun withStdin(String stdin, String... args) {
        synchronized (LOCK) {
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            InputStream oldIn = System.in;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
                int code = Main.execute(args);
                return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
                System.setIn(oldIn);
                oldOut.print(out.toString(StandardCharsets.UTF_8)); // keep the run visible in the test log
                oldErr.print(err.toString(StandardCharsets.UTF_8));
            }
        }
    }

    /** Everything the run printed: its standard output, then its standard error. */
    public String printed() {
        return out + err;
    }

    /** The recap line of one host, e.g. "lab1 : ok=3 changed=0 unreachable=0 failed=0 …" with spaces squeezed. */
    public String recapOf(String host) {
        return out.lines().filter(l -> l.startsWith(host + " ")).reduce((a, b) -> b)
                .map(l -> l.replaceAll("\\s+", " ")).orElse("");
    }
}
