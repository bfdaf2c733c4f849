package dev.steward.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Disposable local hosts for trying playbooks: containers running Debian with systemd and sshd,
 * made with the docker CLI so that they outlive the command (nothing reaps them; {@link #down} does).
 * A lab finds its containers again by label, which makes {@link #up} idempotent.
 */
public final class Lab {

    public static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);

    private final DockerCli docker;
    private final LabName name;
    private final LabContainers containers;

    public Lab(DockerCli docker, LabName name) {
        this.docker = docker;
        this.name = name;
        this.containers = new LabContainers(docker);
    }

    /** The user's lab: containers {@code steward-lab-N}, driven by the {@code docker} on PATH. */
    public static Lab standard() {
        return new Lab(new DockerCli(), LabName.DEFAULT);
    }

    public LabName name() {
        return name;
    }

    /**
     * Makes sure hosts lab1…lab{@code hosts} exist and every host of the lab runs, waits until each
     * answers SSH, then writes {@code labDir/inventory.yml} and {@code labDir/known_hosts}. Hosts
     * that already exist are reused as they are (whatever their suite); more are added when asked.
     */
    public List<LabHost> up(int hosts, LabSuite suite, Path labDir) {
        if (hosts < 1) {
            throw new IllegalArgumentException("a lab needs at least one host, got " + hosts);
        }
        docker.requireEngine();
        requireImage(suite);
        LabKeyPair key = LabKeyPair.ensureIn(labDir);
        LabMachine machine = LabMachine.detect(docker);
        Set<String> existing = containers.find(name).stream().map(LabHost::container).collect(Collectors.toSet());
        for (int index = 1; index <= hosts; index++) {
            LabHostSpec spec = LabHostSpec.of(name, index, suite, machine);
            if (!existing.contains(spec.containerName())) {
                docker.output(DockerCli.QUICK, spec.dockerCreateArguments());
                installAuthorizedKey(spec.containerName(), key);
            }
        }
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        for (LabHost host : containers.find(name)) {
            if (!host.running()) {
                docker.output("start", host.container());
            }
            if (existing.contains(host.container())) {
                addAuthorizedKey(host.container(), key);
            }
        }
        // Ports and addresses are known only once the containers run.
        List<LabHost> started = containers.find(name);
        LabHostReadiness readiness = new LabHostReadiness(docker);
        started.forEach(host -> readiness.await(host, deadline));
        writeConnectionFiles(started, labDir, key);
        return started;
    }

    public LabStatus status(Path labDir) {
        docker.requireEngine();
        Path inventory = labDir.resolve(LabInventoryWriter.FILE_NAME);
        return new LabStatus(containers.find(name), Files.isRegularFile(inventory) ? Optional.of(inventory) : Optional.empty());
    }

    /** Removes the lab's containers, its inventory and known_hosts; keeps the key pair. */
    public List<LabHost> down(Path labDir) {
        docker.requireEngine();
        List<LabHost> hosts = containers.find(name);
        if (!hosts.isEmpty()) {
            List<String> remove = new ArrayList<>(List.of("rm", "--force", "--volumes"));
            hosts.forEach(host -> remove.add(host.containerId()));
            docker.output(DockerCli.QUICK, remove);
        }
        try {
            Files.deleteIfExists(labDir.resolve(LabInventoryWriter.FILE_NAME));
            Files.deleteIfExists(labDir.resolve(LabInventoryWriter.KNOWN_HOSTS_FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hosts;
    }

    private void requireImage(LabSuite suite) {
        DockerResult image = docker.run(DockerCli.QUICK, "image", "inspect", "--format", "{{.Id}}", suite.image());
        if (!image.ok()) {
            throw new LabException("The lab host image " + suite.image() + " is missing: run bin/lab-prepare "
                    + suite.id() + " to build it");
        }
    }

    /** sshd reads this file too (lab-image/Dockerfile); docker cp makes it root-owned, the staged copy sets 0644. */
    private void installAuthorizedKey(String container, LabKeyPair key) {
        Path staged = null;
        try {
            staged = Files.createTempFile("steward-lab-key", ".pub");
            Files.writeString(staged, key.publicKeyText());
            Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-r--r--"));
            docker.output("cp", staged.toString(), container + ":" + LabHostSpec.AUTHORIZED_KEYS_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (staged != null) {
                staged.toFile().delete();
            }
        }
    }

    /**
     * A reused host may already serve another lab folder (the lab name is per Docker engine, the
     * folder is not): add this folder's key when missing rather than replace the file and lock the
     * other folder out.
     */
    private void addAuthorizedKey(String container, LabKeyPair key) {
        docker.output("exec", container, "sh", "-c", "grep -qxF \"$1\" \"$2\" 2>/dev/null || printf '%s\\n' \"$1\" >> \"$2\"",
                "sh", key.publicKeyText().strip(), LabHostSpec.AUTHORIZED_KEYS_FILE);
    }

    private void writeConnectionFiles(List<LabHost> hosts, Path labDir, LabKeyPair key) {
        List<LabHostKeys> hostKeys = new ArrayList<>();
        for (LabHost host : hosts) {
            List<String> read = new ArrayList<>(List.of("exec", host.container()));
            read.addAll(LabHostKeys.READ_COMMAND);
            hostKeys.add(LabHostKeys.parse(host.sshHost(), host.sshPort(), docker.output(DockerCli.QUICK, read)));
        }
        Path knownHosts = labDir.resolve(LabInventoryWriter.KNOWN_HOSTS_FILE_NAME);
        LabHostKeys.writeKnownHosts(knownHosts, hostKeys);
        LabInventoryWriter.write(hosts.stream().map(LabHost::inventoryHost).toList(), labDir, key.privateKey(), knownHosts);
    }
}
