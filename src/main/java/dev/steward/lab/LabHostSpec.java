package dev.steward.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single definition of a lab host container, shared by {@code steward lab} (through the docker
 * CLI) and the lab tests (through Testcontainers). The options are the set checked by hand in
 * notes/lab-hosts.md: {@code --privileged} fails on machines whose sandbox lacks CAP_SYS_RESOURCE,
 * so the host gets exactly the capabilities and relaxed profiles systemd, iptables, sysctl net.*,
 * nested Docker and OpenVPN need.
 *
 * <p>The authorized key must be copied to {@link #authorizedKeysFile()} (root, 0644) between
 * {@code docker create} and {@code docker start}: sshd reads it from there (see lab-image/Dockerfile).
 *
 * @param hostName the inventory name and the container's hostname ({@code lab1})
 * @param tmpfs mounts in order; an empty options string means Docker's defaults
 * @param cgroupnsHost {@code --cgroupns=host}, needed on cgroup v2 for systemd to boot
 * @param ssh where port 22 is published: loopback only, random host port
 */
public record LabHostSpec(
        String hostName,
        String containerName,
        String image,
        Map<String, String> labels,
        List<String> capabilities,
        List<String> securityOptions,
        List<Tmpfs> tmpfs,
        List<Bind> binds,
        List<String> devices,
        boolean cgroupnsHost,
        PublishedPort ssh,
        List<String> command,
        String authorizedKeysFile) {

    public static final String LABEL_LAB = "dev.steward.lab";
    public static final String LABEL_NAME = "dev.steward.lab.name";
    public static final String LABEL_HOST = "dev.steward.lab.host";
    public static final String LABEL_SUITE = "dev.steward.lab.suite";
    public static final String USER = "steward";
    public static final int SSH_PORT = 22;
    public static final String SSH_BIND_ADDRESS = "127.0.0.1";
    public static final String AUTHORIZED_KEYS_FILE = "/etc/ssh/lab_authorized_keys";

    public record Tmpfs(String path, String options) {
        String render() {
            return options.isEmpty() ? path : path + ":" + options;
        }
    }

    public record Bind(String hostPath, String containerPath, String mode) {
        String render() {
            return hostPath + ":" + containerPath + ":" + mode;
        }
    }

    /** A container port published on {@code bindAddress} with a host port Docker picks. */
    public record PublishedPort(String bindAddress, int containerPort) {
        String render() {
            return bindAddress + "::" + containerPort;
        }
    }

    public LabHostSpec {
        labels = Map.copyOf(labels);
        capabilities = List.copyOf(capabilities);
        securityOptions = List.copyOf(securityOptions);
        tmpfs = List.copyOf(tmpfs);
        binds = List.copyOf(binds);
        devices = List.copyOf(devices);
        command = List.copyOf(command);
    }

    /** Host number {@code index} (1-based) of lab {@code lab}. */
    public static LabHostSpec of(LabName lab, int index, LabSuite suite, LabMachine machine) {
        if (index < 1) {
            throw new IllegalArgumentException("host index starts at 1, got " + index);
        }
        String hostName = LabName.hostName(index);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_LAB, "true");
        labels.put(LABEL_NAME, lab.prefix());
        labels.put(LABEL_HOST, hostName);
        labels.put(LABEL_SUITE, suite.id());
        return new LabHostSpec(
                hostName,
                lab.containerName(index),
                suite.image(),
                labels,
                List.of("SYS_ADMIN", "NET_ADMIN", "MKNOD"),
                // systempaths=unconfined makes /proc/sys writable: sysctl net.* for the host's firewall
                List.of("seccomp=unconfined", "apparmor=unconfined", "systempaths=unconfined"),
                List.of(new Tmpfs("/run", ""), new Tmpfs("/run/lock", ""),
                        // the host's own Docker runs binaries from here
                        new Tmpfs("/var/lib/docker", "exec")),
                List.of(new Bind("/sys/fs/cgroup", "/sys/fs/cgroup", "rw")),
                machine.tunDevice() ? List.of(LabMachine.TUN_DEVICE.toString()) : List.of(),
                machine.cgroupVersion() == CgroupVersion.V2,
                new PublishedPort(SSH_BIND_ADDRESS, SSH_PORT),
                List.of("/sbin/init"),
                AUTHORIZED_KEYS_FILE);
    }

    /** The arguments of {@code docker create} (without the leading {@code docker}). */
    public List<String> dockerCreateArguments() {
        List<String> args = new ArrayList<>(List.of("create", "--name", containerName, "--hostname", hostName));
        labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(label -> args.addAll(List.of("--label", label.getKey() + "=" + label.getValue())));
        capabilities.forEach(cap -> args.addAll(List.of("--cap-add", cap)));
        securityOptions.forEach(option -> args.addAll(List.of("--security-opt", option)));
        tmpfs.forEach(mount -> args.addAll(List.of("--tmpfs", mount.render())));
        binds.forEach(bind -> args.addAll(List.of("--volume", bind.render())));
        if (cgroupnsHost) {
            args.add("--cgroupns=host");
        }
        devices.forEach(device -> args.addAll(List.of("--device", device)));
        args.addAll(List.of("--publish", ssh.render()));
        args.add(image);
        args.addAll(command);
        return List.copyOf(args);
    }
}
