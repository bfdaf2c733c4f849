package dev.steward.remote;

import dev.steward.transport.RemoteProcess;
import dev.steward.transport.TransportException;
import dev.steward.transport.TransportException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of one command: stdout read on the calling thread, stderr on a pool thread, stdin fed
 * on another only when there is input or a sudo password to send; and the sudo conversation.
 *
 * <p>Under become, sudo's stdin and the command's stdin are the same channel. So the password is
 * written only when sudo's unique prompt shows on stderr, and the command's input only after the
 * unique marker shows on stdout (the command has started): neither can reach the other.
 */
final class CommandExchange {

    /** After the exit status, how long the pumps may take to drain what is already buffered. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(10);

    private final RemoteProcess process;
    private final CommandSpec spec;
    private final SudoInvocation sudo;
    private final String host;
    private final HeadCapture stdout;
    private final HeadCapture stderr;
    private final Object stdinLock = new Object();
    private final CountDownLatch commandStartedOrGone = new CountDownLatch(1);
    private volatile boolean commandStarted;
    private volatile BecomeException becomeFailure;
    private volatile IOException outputLost;
    private int prompts;

    CommandExchange(RemoteProcess process, CommandSpec spec, SudoInvocation sudo, String host, int outputLimit) {
        this.process = process;
        this.spec = spec;
        this.sudo = sudo;
        this.host = host;
        this.stdout = new HeadCapture(outputLimit);
        this.stderr = new HeadCapture(outputLimit);
        if (sudo == null) {
            onMarker(); // nothing to wait for: the command starts at once
        }
    }

    CommandResult run() throws TransportException, BecomeException, InterruptedException {
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        Future<?> errPump = IoThreads.POOL.submit(this::pumpStderr);
        if (spec.stdin() == null && sudo == null) {
            closeStdin(); // nothing to feed and no password to send: EOF at once, no feeder thread
        } else {
            IoThreads.POOL.submit(this::feedStdin);
        }
        Watchdog watchdog = new Watchdog(spec.timeout());
        int exitCode;
        try {
            pumpStdout(); // on this thread: one pool thread per command instead of three
            if (outputLost instanceof InterruptedIOException) {
                throw new InterruptedException("interrupted while reading the output of a command on " + host);
            }
            if (!watchdog.disarm()) {
                throw timedOut(null);
            }
            exitCode = process.waitFor(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        } catch (TransportException e) {
            if (e.reason() == Reason.TIMEOUT) {
                throw timedOut(e);
            }
            throwIfBecomeFailed();
            throw e;
        } finally {
            watchdog.disarm();
            commandStartedOrGone.countDown();
        }
        awaitDrained(errPump);
        throwIfBecomeFailed();
        if (!commandStarted) {
            throw sudoDidNotStart(exitCode);
        }
        if (outputLost != null) {
            throw new TransportException(Reason.DISCONNECTED, "the output of `" + spec.shortCommand() + "` on " + host
                    + " was cut off: " + outputLost.getMessage(), outputLost);
        }
        return new CommandResult(exitCode, stdout.text(), stderr.text(), stdout.truncated() || stderr.truncated());
    }

    private TransportException timedOut(TransportException cause) throws BecomeException {
        throwIfBecomeFailed();
        return new TransportException(Reason.TIMEOUT, "`" + spec.shortCommand() + "` on " + host
                + " did not finish within " + readable(spec.timeout()) + " and was stopped;"
                + " raise the task's timeout if it needs longer", cause);
    }

    /**
     * Stops the command at its deadline, since this thread is blocked reading its output then:
     * closing the process ends the read. Scheduled on a shared timer thread, the close itself on
     * the pool (closing a channel waits for the host's reply).
     */
    private final class Watchdog {
        private final AtomicBoolean armed = new AtomicBoolean(true);
        private final ScheduledFuture<?> timer;

        Watchdog(Duration timeout) {
            timer = IoThreads.TIMER.schedule(() -> {
                if (armed.compareAndSet(true, false)) {
                    IoThreads.POOL.execute(process::close);
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** @return false when the deadline already passed and the command is being stopped */
        boolean disarm() {
            boolean wasArmed = armed.compareAndSet(true, false);
            if (wasArmed) {
                timer.cancel(false);
            }
            return wasArmed;
        }
    }

    private void pumpStdout() {
        TokenFilter.Sink sink = stdout::write;
        TokenFilter markerFilter = sudo == null ? null : new TokenFilter(sudo.markerLineBytes(), sink, this::onMarker);
        pump(process.stdout(), markerFilter != null ? markerFilter::feed : sink, () -> {
            if (markerFilter != null && commandStarted) {
                markerFilter.stopScanning();
            }
        });
        if (markerFilter != null) {
            markerFilter.finish();
        }
    }

    private void pumpStderr() {
        TokenFilter.Sink sink = stderr::write;
        TokenFilter promptFilter = sudo == null ? null : new TokenFilter(sudo.promptBytes(), sink, this::onPrompt);
        pump(process.stderr(), promptFilter != null ? promptFilter::feed : sink, () -> {
            // sudo prompts only before the command starts; after that stderr is the command's own
            if (promptFilter != null && commandStarted) {
                promptFilter.stopScanning();
            }
        });
        if (promptFilter != null) {
            promptFilter.finish();
        }
    }

    private void pump(InputStream in, TokenFilter.Sink sink, Runnable afterEachRead) {
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sink.write(buffer, 0, n);
                afterEachRead.run();
            }
        } catch (IOException e) {
            outputLost = e;
        }
    }

    private void onMarker() {
        commandStarted = true;
        commandStartedOrGone.countDown();
    }

    private void onPrompt() {
        prompts++;
        if (prompts > 1) {
            fail("sudo on " + host + " refused the become password (running as " + sudo.become().user()
                    + "): check ssh.become_password for this host");
        } else if (sudo.become().password().isEmpty()) {
            fail("sudo on " + host + " asked for a password: set ssh.become_password for this host, or let the"
                    + " login user run sudo without a password (NOPASSWD in sudoers)");
        } else {
            sendPassword(sudo.become().password().get());
        }
    }

    private void sendPassword(String password) {
        byte[] line = (password + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (stdinLock) {
                OutputStream in = process.stdin();
                in.write(line);
                in.flush();
            }
        } catch (IOException e) {
            fail("could not send the become password to sudo on " + host + ": the connection failed ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(line, (byte) 0);
        }
    }

    /** Stops sudo, which would otherwise wait for a password forever, and lets run() report why. */
    private void fail(String message) {
        becomeFailure = new BecomeException(message);
        commandStartedOrGone.countDown();
        process.close();
    }

    private void closeStdin() {
        try {
            synchronized (stdinLock) {
                process.stdin().close();
            }
        } catch (IOException e) {
            // the command is already gone; its exit status tells the rest
        }
    }

    private void feedStdin() {
        try {
            commandStartedOrGone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!commandStarted) {
            return;
        }
        try {
            OutputStream out = process.stdin();
            InputStream in = spec.stdin();
            if (in != null) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (stdinLock) {
                        out.write(buffer, 0, n);
                    }
                }
            }
            synchronized (stdinLock) {
                out.close();
            }
        } catch (IOException e) {
            // the command stopped reading its input; its exit status tells the rest
        }
    }

    private void awaitDrained(Future<?> pump) throws InterruptedException {
        try {
            pump.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            outputLost = new IOException(e.getCause());
        } catch (TimeoutException e) {
            // a background child keeps the stream open: keep what arrived
            pump.cancel(true);
        }
    }

    private void throwIfBecomeFailed() throws BecomeException {
        if (becomeFailure != null) {
            throw becomeFailure;
        }
    }

    /** sudo ended before the marker: the command never ran. Say why, from sudo's own words. */
    private BecomeException sudoDidNotStart(int exitCode) {
        String said = redact(stderr.text().strip());
        String lower = said.toLowerCase(Locale.ROOT);
        String user = sudo.become().user();
        String quoted = said.isEmpty() ? "" : " (sudo said: " + firstLines(said) + ")";
        if (lower.contains("not in the sudoers") || lower.contains("is not allowed to") || lower.contains("may not run sudo")) {
            return new BecomeException("the login user on " + host + " may not run commands as " + user + " with sudo"
                    + quoted + ": allow it in the host's sudoers, or drop become for this task");
        }
        if (lower.contains("password is required") || lower.contains("no tty present") || lower.contains("no password was provided")) {
            return new BecomeException("sudo on " + host + " asked for a password: set ssh.become_password for this host"
                    + quoted);
        }
        if (lower.contains("incorrect password")) {
            return new BecomeException("sudo on " + host + " refused the become password: check ssh.become_password"
                    + " for this host" + quoted);
        }
        if (exitCode == 127 || lower.contains("sudo: not found") || lower.contains("sudo: command not found")) {
            return new BecomeException("sudo is not installed on " + host + " (or not on the login user's PATH):"
                    + " install it, or log in as " + user + " without become" + quoted);
        }
        return new BecomeException("sudo on " + host + " did not start the command (exit " + exitCode + ")" + quoted);
    }

    private String redact(String text) {
        return sudo.become().password().filter(p -> !p.isEmpty()).map(p -> text.replace(p, "***")).orElse(text);
    }

    private static String firstLines(String text) {
        String[] lines = text.split("\n", 4);
        return String.join(" / ", Arrays.copyOf(lines, Math.min(lines.length, 3)));
    }

    private static String readable(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
