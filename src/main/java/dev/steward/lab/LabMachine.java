package dev.steward.lab;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the machine running the lab containers offers, as far as a lab host's options depend on it.
 *
 * @param cgroupVersion v2 needs {@code --cgroupns=host} for systemd to boot
 * @param tunDevice whether {@code /dev/net/tun} exists, so that OpenVPN can run inside a host
 */
public record LabMachine(CgroupVersion cgroupVersion, boolean tunDevice) {

    public static final Path TUN_DEVICE = Path.of("/dev/net/tun");

    /** Asks the engine for its cgroup version (it may differ from this JVM's view); falls back to the file system. */
    public static LabMachine detect(DockerCli docker) {
        DockerResult info = docker.run(DockerCli.QUICK, "info", "--format", "{{.CgroupVersion}}");
        CgroupVersion fallback = CgroupVersion.ofThisMachine();
        CgroupVersion version = info.ok() ? CgroupVersion.fromDockerInfo(info.stdout(), fallback) : fallback;
        return new LabMachine(version, Files.exists(TUN_DEVICE));
    }

    /** Without Docker at hand (Testcontainers talks to the engine itself): this machine's view. */
    public static LabMachine ofThisMachine() {
        return new LabMachine(CgroupVersion.ofThisMachine(), Files.exists(TUN_DEVICE));
    }
}
