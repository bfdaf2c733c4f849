package dev.steward.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code docker} command line. The lab drives Docker through its CLI rather than an API
 * client so that the operator's jar carries no Docker library and uses whatever engine, context
 * and credentials the user's {@code docker} already uses.
 */
public final class DockerCli {

    public static final Duration QUICK = Duration.ofSeconds(30);
    private static final String PREPARE_HINT = "run bin/lab-prepare";

    private final String executable;

    public DockerCli() {
        this("docker");
    }

    public DockerCli(String executable) {
        this.executable = executable;
    }

    /** Fails with what to do next unless the docker command exists and the engine answers. */
    public void requireEngine() {
        DockerResult info = run(QUICK, "info", "--format", "{{.ServerVersion}}");
        if (!info.ok()) {
            throw new LabException("The Docker engine does not answer (" + info.firstErrorLine() + "): "
                    + PREPARE_HINT + " to install and start it");
        }
    }

    /** Runs {@code docker args…}, failing with docker's own message when it exits non-zero. */
    public String output(String... args) {
        return output(QUICK, List.of(args));
    }

    public String output(Duration timeout, List<String> args) {
        DockerResult result = run(timeout, args);
        if (!result.ok()) {
            throw new LabException("docker " + String.join(" ", args.subList(0, Math.min(2, args.size())))
                    + " failed (exit " + result.exitCode() + "): " + result.stderr().strip());
        }
        return result.stdout();
    }

    public DockerResult run(Duration timeout, String... args) {
        return run(timeout, List.of(args));
    }

    /** Runs {@code docker args…}; a command still running after {@code timeout} is killed (exit 124). */
    public DockerResult run(Duration timeout, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new LabException("The '" + executable + "' command cannot be run (" + e.getMessage() + "): "
                    + PREPARE_HINT + " to install Docker", e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stdout = readAsync(process.getInputStream());
            CompletableFuture<String> stderr = readAsync(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                return new DockerResult(124, stdout.get(), "docker " + String.join(" ", args)
                        + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new DockerResult(process.exitValue(), stdout.get(), stderr.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running docker " + String.join(" ", args), e);
        } catch (IOException | ExecutionException e) {
            process.destroyForcibly();
            throw new LabException("cannot read the output of docker " + String.join(" ", args), e);
        }
    }

    /** A thread of its own per stream: the common pool may have one worker on a 2-core machine. */
    private static CompletableFuture<String> readAsync(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
            }
        }, "docker-output");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
