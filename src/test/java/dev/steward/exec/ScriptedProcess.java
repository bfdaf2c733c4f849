package dev.steward.exec;

import dev.steward.transport.RemoteProcess;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A command that has already "run": its output is ready, and it ends once the engine has closed
 * its stdin (as a real command reading its input would), so the whole input is always recorded.
 */
final class ScriptedProcess implements RemoteProcess {

    /** A command that is never given EOF still ends after this long: the harness must not hang. */
    private static final Duration STDIN_PATIENCE = Duration.ofSeconds(10);

    private final InputStream stdout;
    private final InputStream stderr;
    private final CapturedInput stdin;
    private final int rc;

    ScriptedProcess(String stdout, String stderr, int rc, CapturedInput stdin) {
        this.stdout = new ByteArrayInputStream(stdout.getBytes(StandardCharsets.UTF_8));
        this.stderr = new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8));
        this.stdin = stdin;
        this.rc = rc;
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    @Override
    public int waitFor(Duration timeout) throws InterruptedException {
        stdin.awaitClosed(timeout.compareTo(STDIN_PATIENCE) < 0 ? timeout : STDIN_PATIENCE);
        return rc;
    }

    @Override
    public void close() {
    }
}
