package dev.steward.lab;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.PullPolicy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * N lab hosts for a test, made with Testcontainers from the same {@link LabHostSpec} as
 * {@code steward lab up}, with a fresh key pair and an {@code inventory.yml} (plus known_hosts) in a
 * temporary folder. Ryuk is disabled on these machines, so {@link #close()} removes the containers:
 * use it in try-with-resources or an {@code @AfterAll}.
 *
 * <pre>{@code
 * try (LabCluster lab = LabCluster.start(2)) {
 *     run("steward", "play", "site.yml", "-i", lab.inventory().toString());
 *     assertThat(lab.host("lab1").exec("cat", "/etc/motd").getStdout()).contains("…");
 * }
 * }</pre>
 */
public final class LabCluster implements AutoCloseable {

    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    /** A docker CLI option the engine API does not know; see {@link UnconfinedSystemPathsHostConfig}. */
    private static final String SYSTEM_PATHS_UNCONFINED = "systempaths=unconfined";

    private final Path folder;
    private final LabKeyPair key;
    private final List<Host> hosts;
    private final Path inventory;

    private LabCluster(Path folder, LabKeyPair key, List<Host> hosts, Path inventory) {
        this.folder = folder;
        this.key = key;
        this.hosts = List.copyOf(hosts);
        this.inventory = inventory;
    }

    public static LabCluster start(int hosts) {
        return start(hosts, LabSuite.TRIXIE);
    }

    /** Starts {@code count} hosts in parallel; containers are named {@code steward-test-<random>-N}. */
    public static LabCluster start(int count, LabSuite suite) {
        return start(count, suite, suite.image());
    }

    /**
     * The same from {@code image}, an image built on the suite's lab image with more already
     * installed (see {@link StackHostImage}), for tests that are not about installing.
     */
    public static LabCluster start(int count, LabSuite suite, String image) {
        LabName name = new LabName("steward-test-" + UUID.randomUUID().toString().substring(0, 8));
        Path folder = createTempFolder();
        LabKeyPair key = LabKeyPair.ensureIn(folder);
        LabMachine machine = LabMachine.ofThisMachine();
        List<Host> hosts = new ArrayList<>();
        for (int index = 1; index <= count; index++) {
            LabHostSpec spec = LabHostSpec.of(name, index, suite, machine);
            hosts.add(new Host(spec, container(spec, image, key), key.privateKey()));
        }
        try {
            Startables.deepStart(hosts.stream().map(Host::container)).join();
            Path inventory = writeConnectionFiles(folder, key, hosts);
            return new LabCluster(folder, key, hosts, inventory);
        } catch (RuntimeException | Error e) {
            hosts.forEach(Host::stopQuietly);
            deleteFolder(folder);
            throw e;
        }
    }

    public List<Host> hosts() {
        return hosts;
    }

    public Host host(String name) {
        return hosts.stream().filter(host -> host.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no lab host " + name + " in " + names()));
    }

    /** {@code inventory.yml} in the same shape {@code steward lab up} writes. */
    public Path inventory() {
        return inventory;
    }

    public Path knownHosts() {
        return folder.resolve(LabInventoryWriter.KNOWN_HOSTS_FILE_NAME);
    }

    public LabKeyPair key() {
        return key;
    }

    /** Stops and removes one host, e.g. to test what happens when a host is unreachable. */
    public void stop(String hostName) {
        host(hostName).container().stop();
    }

    @Override
    public void close() {
        hosts.forEach(Host::stopQuietly);
        deleteFolder(folder);
    }

    private List<String> names() {
        return hosts.stream().map(Host::name).toList();
    }

    /** One lab host of the cluster. */
    public static final class Host {
        private final LabHostSpec spec;
        private final GenericContainer<?> container;
        private final Path privateKey;

        private Host(LabHostSpec spec, GenericContainer<?> container, Path privateKey) {
            this.spec = spec;
            this.container = container;
            this.privateKey = privateKey;
        }

        public String name() {
            return spec.hostName();
        }

        public String containerName() {
            return spec.containerName();
        }

        public String sshHost() {
            return container.getHost();
        }

        public int sshPort() {
            return container.getMappedPort(LabHostSpec.SSH_PORT);
        }

        public String user() {
            return LabHostSpec.USER;
        }

        public Path privateKey() {
            return privateKey;
        }

        /** The container's IP address: how the other lab hosts reach this one. */
        public String address() {
            return container.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
                    .map(network -> network.getIpAddress())
                    .filter(address -> address != null && !address.isEmpty())
                    .findFirst().orElse("");
        }

        /** Runs a command in the host as root, for assertions (not through SSH). */
        public Container.ExecResult exec(String... command) {
            try {
                return container.execInContainer(command);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running a command in " + name(), e);
            }
        }

        /** Runs a shell command as {@code user} with a login environment. */
        public Container.ExecResult execAs(String user, String shellCommand) {
            return exec("runuser", "--login", user, "--command", shellCommand);
        }

        /** This host as {@code steward lab} lists it, for code that takes lab hosts (the demo's inventory). */
        public LabHost labHost() {
            return new LabHost(name(), containerName(), container.getContainerId(), spec.labels().get(LabHostSpec.LABEL_SUITE), "running",
                    sshHost(), sshPort(), address());
        }

        LabInventoryHost inventoryHost() {
            return new LabInventoryHost(name(), address(), sshHost(), sshPort(), user());
        }

        GenericContainer<?> container() {
            return container;
        }

        private void stopQuietly() {
            try {
                container.stop();
            } catch (RuntimeException e) {
                System.err.println("could not stop lab host " + spec.containerName() + ": " + e.getMessage());
            }
        }
    }

    /** The spec turned into Testcontainers' terms; what has no builder method goes through the create command. */
    @SuppressWarnings("resource") // closed by LabCluster.close()
    private static GenericContainer<?> container(LabHostSpec spec, String image, LabKeyPair key) {
        Map<String, String> tmpfs = new LinkedHashMap<>();
        spec.tmpfs().forEach(mount -> tmpfs.put(mount.path(), mount.options()));
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                // the image is built on this machine (bin/lab-prepare); there is no registry to pull from
                .withImagePullPolicy(PullPolicy.defaultPolicy())
                .withLabels(spec.labels())
                .withTmpFs(tmpfs)
                .withExposedPorts(spec.ssh().containerPort())
                .withCommand(spec.command().toArray(String[]::new))
                .withCopyToContainer(Transferable.of(key.publicKeyText(), 0644), spec.authorizedKeysFile())
                .waitingFor(new LabHostWaitStrategy().withStartupTimeout(STARTUP_TIMEOUT))
                .withCreateContainerCmdModifier(create -> {
                    create.withName(spec.containerName()).withHostName(spec.hostName());
                    HostConfig hostConfig = create.getHostConfig();
                    hostConfig.withCapAdd(spec.capabilities().stream().map(Capability::valueOf).toArray(Capability[]::new))
                            .withSecurityOpts(spec.securityOptions().stream()
                                    .filter(option -> !option.equals(SYSTEM_PATHS_UNCONFINED)).toList())
                            .withDevices(spec.devices().stream().map(Device::parse).toList())
                            // loopback only, as `steward lab up` publishes it
                            .withPortBindings(new PortBinding(Ports.Binding.bindIp(spec.ssh().bindAddress()),
                                    ExposedPort.tcp(spec.ssh().containerPort())));
                    if (spec.cgroupnsHost()) {
                        hostConfig.withCgroupnsMode("host");
                    }
                    if (spec.securityOptions().contains(SYSTEM_PATHS_UNCONFINED)) {
                        create.withHostConfig(UnconfinedSystemPathsHostConfig.of(hostConfig));
                    }
                });
        spec.binds().forEach(bind -> container.withFileSystemBind(bind.hostPath(), bind.containerPath(),
                bind.mode().equals("ro") ? BindMode.READ_ONLY : BindMode.READ_WRITE));
        return container;
    }

    private static Path writeConnectionFiles(Path folder, LabKeyPair key, List<Host> hosts) {
        List<LabHostKeys> hostKeys = hosts.stream().map(host -> LabHostKeys.parse(host.sshHost(), host.sshPort(),
                host.exec(LabHostKeys.READ_COMMAND.toArray(String[]::new)).getStdout())).toList();
        Path knownHosts = folder.resolve(LabInventoryWriter.KNOWN_HOSTS_FILE_NAME);
        LabHostKeys.writeKnownHosts(knownHosts, hostKeys);
        return LabInventoryWriter.write(hosts.stream().map(Host::inventoryHost).toList(), folder, key.privateKey(), knownHosts);
    }

    private static Path createTempFolder() {
        try {
            return Files.createTempDirectory("steward-lab-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteFolder(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + folder + ": " + e.getMessage());
        }
    }
}
