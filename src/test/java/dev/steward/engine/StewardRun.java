package dev.steward.engine;

import dev.steward.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the steward command line in-process, as a user would, capturing what it prints and its exit code. */
record StewardRun(int exitCode, String out, String err) {

    static synchronized StewardRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new StewardRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            oldOut.print(out.toString(StandardCharsets.UTF_8)); // keep the run visible in the test log
            oldErr.print(err.toString(StandardCharsets.UTF_8));
        }
    }

    /** The recap line of one host, e.g. "lab1 : ok=3 changed=0 unreachable=0 failed=0 …" with spaces squeezed. */
    String recapOf(String host) {
        return out.lines().filter(l -> l.startsWith(host + " ")).reduce((a, b) -> b)
                .map(l -> l.replaceAll("\\s+", " ")).orElse("");
    }
}
