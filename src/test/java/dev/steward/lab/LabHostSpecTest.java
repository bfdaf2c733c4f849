package dev.steward.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabHostSpecTest {

    private static final LabMachine CGROUP_V1_WITH_TUN = new LabMachine(CgroupVersion.V1, true);

    @Test
    void rendersTheCheckedOptionsAsDockerCreateArguments() {
        LabHostSpec spec = LabHostSpec.of(LabName.DEFAULT, 1, LabSuite.TRIXIE, CGROUP_V1_WITH_TUN);

        assertThat(spec.dockerCreateArguments()).containsExactly(
                "create", "--name", "steward-lab-1", "--hostname", "lab1",
                "--label", "dev.steward.lab=true",
                "--label", "dev.steward.lab.host=lab1",
                "--label", "dev.steward.lab.name=steward-lab",
                "--label", "dev.steward.lab.suite=trixie",
                "--cap-add", "SYS_ADMIN", "--cap-add", "NET_ADMIN", "--cap-add", "MKNOD",
                "--security-opt", "seccomp=unconfined",
                "--security-opt", "apparmor=unconfined",
                "--security-opt", "systempaths=unconfined",
                "--tmpfs", "/run", "--tmpfs", "/run/lock", "--tmpfs", "/var/lib/docker:exec",
                "--volume", "/sys/fs/cgroup:/sys/fs/cgroup:rw",
                "--device", "/dev/net/tun",
                "--publish", "127.0.0.1::22",
                "steward-lab:trixie", "/sbin/init");
    }

    @Test
    void cgroupV2SharesTheHostCgroupNamespaceAndNoTunMeansNoDevice() {
        LabHostSpec spec = LabHostSpec.of(new LabName("t-lab"), 2, LabSuite.BOOKWORM, new LabMachine(CgroupVersion.V2, false));

        List<String> args = spec.dockerCreateArguments();
        assertThat(args).contains("--cgroupns=host", "steward-lab:bookworm", "t-lab-2", "dev.steward.lab.suite=bookworm")
                .doesNotContain("--device");
        assertThat(spec.cgroupnsHost()).isTrue();
        assertThat(spec.hostName()).isEqualTo("lab2");
        assertThat(spec.labels()).containsEntry("dev.steward.lab.name", "t-lab").containsEntry("dev.steward.lab", "true");
    }

    @Test
    void cgroupV1KeepsDockersDefaultNamespace() {
        assertThat(LabHostSpec.of(LabName.DEFAULT, 1, LabSuite.TRIXIE, CGROUP_V1_WITH_TUN).dockerCreateArguments())
                .noneMatch(arg -> arg.startsWith("--cgroupns"));
    }

    @Test
    void exposesTheSpecAsData() {
        LabHostSpec spec = LabHostSpec.of(LabName.DEFAULT, 3, LabSuite.TRIXIE, CGROUP_V1_WITH_TUN);

        assertThat(spec.capabilities()).containsExactly("SYS_ADMIN", "NET_ADMIN", "MKNOD");
        assertThat(spec.tmpfs()).extracting(LabHostSpec.Tmpfs::path).containsExactly("/run", "/run/lock", "/var/lib/docker");
        assertThat(spec.ssh()).isEqualTo(new LabHostSpec.PublishedPort("127.0.0.1", 22));
        assertThat(spec.command()).containsExactly("/sbin/init");
        assertThat(spec.authorizedKeysFile()).isEqualTo("/etc/ssh/lab_authorized_keys");
    }

    @Test
    void rejectsNamesDockerWouldRefuseAndHostZero() {
        assertThatThrownBy(() -> new LabName("Bad Name")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> LabHostSpec.of(LabName.DEFAULT, 0, LabSuite.TRIXIE, CGROUP_V1_WITH_TUN))
                .hasMessageContaining("starts at 1");
    }

    @Test
    void suitesParseCaseInsensitivelyAndNameTheChoicesOtherwise() {
        assertThat(LabSuite.parse("Bookworm")).isEqualTo(LabSuite.BOOKWORM);
        assertThatThrownBy(() -> LabSuite.parse("sid")).hasMessageContaining("trixie, bookworm");
    }

    @Test
    void readsTheCgroupVersionDockerReports() {
        assertThat(CgroupVersion.fromDockerInfo("2\n", CgroupVersion.V1)).isEqualTo(CgroupVersion.V2);
        assertThat(CgroupVersion.fromDockerInfo("", CgroupVersion.V1)).isEqualTo(CgroupVersion.V1);
    }
}
