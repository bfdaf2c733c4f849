package dev.steward.lab;

import java.nio.file.Files;
import java.nio.file.Path;

/** Which cgroup hierarchy the Docker engine's machine uses; systemd in a container needs to know. */
public enum CgroupVersion {
    V1,
    V2;

    /** Reads {@code docker info --format {{.CgroupVersion}}} ("1" or "2"); blank on old engines. */
    public static CgroupVersion fromDockerInfo(String answer, CgroupVersion fallback) {
        return switch (answer.strip()) {
            case "1" -> V1;
            case "2" -> V2;
            default -> fallback;
        };
    }

    /** The unified hierarchy (v2) has {@code cgroup.controllers} at its root; v1 does not. */
    public static CgroupVersion ofThisMachine() {
        return Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? V2 : V1;
    }
}
