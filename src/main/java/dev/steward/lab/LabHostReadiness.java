package dev.steward.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Waits, through the docker CLI, until a lab host has booted and its sshd answers. */
final class LabHostReadiness {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PAUSE = Duration.ofMillis(300);

    private final DockerCli docker;

    LabHostReadiness(DockerCli docker) {
        this.docker = docker;
    }

    void await(LabHost host, Instant deadline) {
        awaitSystemd(host, deadline);
        awaitSshBanner(host, deadline);
    }

    private void awaitSystemd(LabHost host, Instant deadline) {
        String lastState = "no answer yet";
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw notReady(host, "systemd did not finish booting (systemctl is-system-running: " + lastState + ")");
            }
            List<String> exec = new ArrayList<>(List.of("exec", host.container()));
            exec.addAll(SystemdReadiness.WAIT_COMMAND);
            DockerResult result = docker.run(left, exec);
            lastState = result.stdout().isBlank() ? result.firstErrorLine() : result.stdout().strip();
            if (SystemdReadiness.booted(result.stdout())) {
                return;
            }
            if (result.stderr().contains("is not running")) {
                throw notReady(host, "the container stopped while booting");
            }
            pause();
        }
    }

    private void awaitSshBanner(LabHost host, Instant deadline) {
        while (Instant.now().isBefore(deadline)) {
            Optional<String> banner = SshBannerProbe.read(host.sshHost(), host.sshPort(), PROBE_TIMEOUT);
            if (banner.isPresent()) {
                return;
            }
            pause();
        }
        throw notReady(host, "sshd does not answer on " + host.sshHost() + ":" + host.sshPort());
    }

    private static LabException notReady(LabHost host, String what) {
        return new LabException(host.name() + " (" + host.container() + ") is not ready: " + what
                + "; see `docker logs " + host.container() + "`, then `steward lab down` and `steward lab up` again");
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for lab hosts", e);
        }
    }
}
