package dev.steward.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steward lab up|status|down} through the docker CLI, on a lab of its own. Needs bin/lab-prepare. */
@Tag("lab")
class LabTest {

    @TempDir
    Path labDir;

    private final Lab lab = new Lab(new DockerCli(), new LabName("steward-labtest-" + UUID.randomUUID().toString().substring(0, 8)));

    @AfterEach
    void removeTheLab() {
        lab.down(labDir);
    }

    @Test
    void upIsIdempotentStatusShowsTheHostsAndDownRemovesThem() throws Exception {
        long started = System.nanoTime();
        List<LabHost> first = lab.up(2, LabSuite.TRIXIE, labDir);
        System.out.printf("LabTest: lab up with 2 hosts in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        List<LabHost> status = lab.status(labDir).hosts();
        assertThat(status).extracting(LabHost::name).containsExactly("lab1", "lab2");
        assertThat(status).allMatch(LabHost::running);
        assertThat(status).extracting(LabHost::container)
                .containsExactly(lab.name().containerName(1), lab.name().containerName(2));
        assertThat(lab.status(labDir).inventory()).contains(labDir.resolve("inventory.yml"));

        JsonNode hosts = new ObjectMapper(new YAMLFactory()).readTree(labDir.resolve("inventory.yml").toFile()).path("all").path("hosts");
        for (LabHost host : status) {
            assertThat(hosts.path(host.name()).path("ssh").path("port").intValue()).isEqualTo(host.sshPort()).isPositive();
            assertThat(hosts.path(host.name()).path("address").textValue()).isEqualTo(host.address());
        }
        assertThat(Files.readString(labDir.resolve("known_hosts"))).contains("[127.0.0.1]:" + status.get(0).sshPort() + " ssh-ed25519 ");

        long again = System.nanoTime();
        List<LabHost> second = lab.up(2, LabSuite.TRIXIE, labDir);
        System.out.printf("LabTest: lab up again (nothing to do) in %d ms%n", (System.nanoTime() - again) / 1_000_000);
        assertThat(second).extracting(LabHost::containerId).containsExactlyElementsOf(first.stream().map(LabHost::containerId).toList());
        String authorized = new DockerCli().output("exec", first.get(0).container(), "cat", LabHostSpec.AUTHORIZED_KEYS_FILE);
        assertThat(authorized.lines()).as("a reused host keeps one copy of the key").hasSize(1);

        Path otherFolder = labDir.resolve("other");
        lab.up(1, LabSuite.TRIXIE, otherFolder);
        String both = new DockerCli().output("exec", first.get(0).container(), "cat", LabHostSpec.AUTHORIZED_KEYS_FILE);
        assertThat(both.lines()).as("a second lab folder adds its key, it does not replace the first")
                .containsExactly(authorized.strip(), LabKeyPair.ensureIn(otherFolder).publicKeyText().strip());

        assertThat(lab.down(labDir)).hasSize(2);
        assertThat(lab.status(labDir).hosts()).isEmpty();
        assertThat(labDir.resolve("inventory.yml")).doesNotExist();
        assertThat(labDir.resolve("known_hosts")).doesNotExist();
        assertThat(labDir.resolve("id_ed25519")).exists();
    }

    @Test
    void theWrittenKeyAndKnownHostsLetOpenSshLogInStrictly() throws Exception {
        LabHost host = lab.up(1, LabSuite.TRIXIE, labDir).get(0);

        Process ssh = new ProcessBuilder("ssh", "-i", labDir.resolve("id_ed25519").toString(),
                "-o", "UserKnownHostsFile=" + labDir.resolve("known_hosts"), "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-p", String.valueOf(host.sshPort()),
                "steward@" + host.sshHost(), "sudo -n hostname").redirectErrorStream(true).start();
        String output = new String(ssh.getInputStream().readAllBytes());

        assertThat(ssh.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ssh.exitValue()).as(output).isZero();
        assertThat(output.strip()).isEqualTo("lab1");
    }

    @Test
    void aMissingImageSaysToRunLabPrepare() throws java.io.IOException {
        // a docker that has no bookworm lab image (bin/test prepares the real one, so pretend it is gone)
        Path docker = labDir.resolveSibling("docker-without-bookworm");
        java.nio.file.Files.writeString(docker, "#!/bin/sh\n"
                + "if [ \"$1\" = image ] && [ \"$2\" = inspect ]; then\n"
                + "  for a; do [ \"$a\" = " + LabSuite.BOOKWORM.image() + " ] && { echo 'Error: No such image' >&2; exit 1; }; done\n"
                + "fi\nexec docker \"$@\"\n");
        docker.toFile().setExecutable(true);
        Lab withoutBookworm = new Lab(new DockerCli(docker.toString()), lab.name());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withoutBookworm.up(1, LabSuite.BOOKWORM, labDir))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("steward-lab:bookworm is missing: run bin/lab-prepare bookworm");
    }
}
