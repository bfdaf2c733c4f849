package dev.steward.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The lab host image and the fixture give what every lab test relies on. Needs bin/lab-prepare. */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabClusterTest {

    private static LabCluster lab;

    @BeforeAll
    static void startTwoHosts() {
        long started = System.nanoTime();
        lab = LabCluster.start(2);
        System.out.printf("LabClusterTest: 2 lab hosts ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void removeHosts() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void systemdHasBooted() {
        for (LabCluster.Host host : lab.hosts()) {
            assertThat(host.exec("systemctl", "is-system-running").getStdout().strip())
                    .as(host.name()).isIn("running", "degraded");
        }
    }

    @Test
    @Order(2)
    void sshdAnswersOnTheMappedPort() {
        for (LabCluster.Host host : lab.hosts()) {
            assertThat(SshBannerProbe.read(host.sshHost(), host.sshPort(), Duration.ofSeconds(5)))
                    .as(host.name()).hasValueSatisfying(banner -> assertThat(banner).startsWith("SSH-2.0-OpenSSH"));
        }
    }

    @Test
    @Order(3)
    void everyHostHasItsOwnHostKeys() {
        String key1 = lab.host("lab1").exec("cat", "/etc/ssh/ssh_host_ed25519_key.pub").getStdout();
        String key2 = lab.host("lab2").exec("cat", "/etc/ssh/ssh_host_ed25519_key.pub").getStdout();

        assertThat(key1).startsWith("ssh-ed25519 ");
        assertThat(key2).startsWith("ssh-ed25519 ");
        assertThat(key1.split(" ")[1]).isNotEqualTo(key2.split(" ")[1]);
    }

    @Test
    @Order(4)
    void theStewardUserHasPasswordlessSudo() {
        for (LabCluster.Host host : lab.hosts()) {
            var sudo = host.execAs("steward", "sudo -n true && id -un");
            assertThat(sudo.getExitCode()).as(host.name() + ": " + sudo.getStderr()).isZero();
            assertThat(sudo.getStdout().strip()).isEqualTo("steward");
        }
    }

    @Test
    @Order(5)
    void theAuthorizedKeyWasCopiedInBeforeBootOwnedByRoot() {
        LabCluster.Host host = lab.host("lab1");

        assertThat(host.exec("stat", "-c", "%U %a", LabHostSpec.AUTHORIZED_KEYS_FILE).getStdout().strip()).isEqualTo("root 644");
        assertThat(host.exec("cat", LabHostSpec.AUTHORIZED_KEYS_FILE).getStdout()).isEqualTo(lab.key().publicKeyText());
    }

    @Test
    @Order(6)
    void theInventoryNamesTheMappedPortsAndContainerAddresses() throws Exception {
        JsonNode hosts = new ObjectMapper(new YAMLFactory()).readTree(lab.inventory().toFile()).path("all").path("hosts");

        for (LabCluster.Host host : lab.hosts()) {
            JsonNode entry = hosts.path(host.name());
            assertThat(entry.path("ssh").path("port").intValue()).isEqualTo(host.sshPort());
            assertThat(entry.path("ssh").path("private_key").textValue()).isEqualTo("id_ed25519");
            assertThat(entry.path("address").textValue()).isEqualTo(host.address()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        }
        assertThat(lab.host("lab1").address()).isNotEqualTo(lab.host("lab2").address());
    }

    @Test
    @Order(7)
    void hostsReachEachOtherByAddress() {
        String lab2 = lab.host("lab2").address();

        var banner = lab.host("lab1").exec("bash", "-c", "exec 3<>/dev/tcp/" + lab2 + "/22 && head -c 8 <&3");
        assertThat(banner.getStdout()).isEqualTo("SSH-2.0-");
    }

    @Test
    @Order(8)
    void networkSysctlsAreWritableAsOnARealHost() {
        // systempaths=unconfined: without it /proc/sys is read-only and a firewall role cannot enable forwarding
        var sysctl = lab.host("lab1").exec("sysctl", "-w", "net.ipv4.ip_forward=1");

        assertThat(sysctl.getExitCode()).as(sysctl.getStderr()).isZero();
    }

    @Test
    @Order(100)
    void aStoppedHostNoLongerAnswers() {
        LabCluster.Host host = lab.host("lab2");
        String sshHost = host.sshHost();
        int port = host.sshPort();

        lab.stop("lab2");

        assertThat(SshBannerProbe.read(sshHost, port, Duration.ofSeconds(2))).isEmpty();
        assertThat(lab.host("lab1").exec("true").getExitCode()).isZero();
    }
}
