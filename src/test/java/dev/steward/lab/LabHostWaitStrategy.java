package dev.steward.lab;

import java.time.Duration;
import java.time.Instant;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Ready when systemd has finished booting (running or degraded) and sshd sends its banner on the
 * mapped port. The same two checks {@code steward lab up} makes through the docker CLI.
 */
final class LabHostWaitStrategy extends AbstractWaitStrategy {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    @Override
    protected void waitUntilReady() {
        Instant deadline = Instant.now().plus(startupTimeout);
        String state = "no answer yet";
        while (!SystemdReadiness.booted(state)) {
            failAfter(deadline, "systemd did not finish booting (systemctl is-system-running: " + state + ")");
            try {
                state = waitStrategyTarget.execInContainer(SystemdReadiness.WAIT_COMMAND.toArray(String[]::new)).getStdout().strip();
            } catch (Exception e) {
                state = e.getMessage();
            }
            if (!SystemdReadiness.booted(state)) {
                pause();
            }
        }
        String host = waitStrategyTarget.getHost();
        int port = waitStrategyTarget.getMappedPort(LabHostSpec.SSH_PORT);
        while (SshBannerProbe.read(host, port, PROBE_TIMEOUT).isEmpty()) {
            failAfter(deadline, "sshd does not answer on " + host + ":" + port);
            pause();
        }
    }

    private void failAfter(Instant deadline, String what) {
        if (Instant.now().isAfter(deadline)) {
            throw new ContainerLaunchException("lab host " + waitStrategyTarget.getContainerInfo().getName()
                    + " not ready within " + startupTimeout.toSeconds() + " s: " + what);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerLaunchException("interrupted while waiting for a lab host", e);
        }
    }
}
