package dev.steward.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lab.LabCluster;
import dev.steward.lab.LabSuite;
import dev.steward.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package and system modules on fresh Debian hosts over SSH: a playbook using every one of them
 * makes the right changes and a second run changes nothing; the same playbook in --check on another
 * fresh host reports changes and leaves it as it was; a held dpkg lock is waited for, then named.
 * Only net.* sysctls are touched (others belong to the machine's kernel).
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemModulesLabTest {

    private static final String PASSWORD_HASH =
            "$6$StewardLabSalt$bjs7KeXXks7wCGil2HF/Bel9LfnWwaIT/i0bFwO5Q1V3l4ggDaVxRTP5TEM072iIJbR0uXWcJhIbfFV37N4JB.";
    private static final String KEY_ONE =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGu1R0Q3yNnO0k2o0mJ9C0b4x7bqY1S8t2XKQ6m2W3aA one@laptop";
    private static final String KEY_TWO =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBq8e4mJ5kW6gF3nO7vH2tZ9pL1cR0sX4yU8wE6aD5bN two@ci";

    private static LabCluster lab;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        lab = LabCluster.start(2);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /** The playbook under test: every module of the package and system groups. */
    private static String sitePlaybook(String armoredKey) {
        return """
                - name: Packages and system
                  hosts: all
                  become: true
                  vars:
                    armored_key: |
                %s
                  tasks:
                    - name: Small tools
                      apt: {name: [tree, jq], update_cache: true, cache_valid_time: 3600}
                    - name: A keyring fetched by the host (binary)
                      apt_key: {name: debian-archive, url: "file:///usr/share/keyrings/debian-archive-keyring.gpg"}
                    - name: A keyring given inline (armored, dearmored on the way)
                      apt_key: {name: steward-inline, data: "${armored_key}"}
                    - name: Backports as a deb822 source
                      apt_repository: {uris: "http://deb.debian.org/debian", suites: "${facts.os.codename}-backports",
                                       components: main, signed_by: debian-archive, filename: backports}
                    - name: A one-line source
                      apt_repository: {repo: "deb http://deb.debian.org/debian ${facts.os.codename} contrib",
                                       signed_by: debian-archive, filename: contrib, update_cache: false}
                    - group: {name: deployers, gid: 2500}
                    - user: {name: deploy, uid: 2501, group: deployers, groups: [sudo], shell: /bin/bash,
                             password: "%s"}
                    - authorized_key:
                        user: deploy
                        exclusive: true
                        key: |
                          %s
                          %s
                    - name: A unit file
                      copy:
                        dest: /etc/systemd/system/steward-demo.service
                        content: |
                          [Unit]
                          Description=Steward demo
                          [Service]
                          ExecStart=/bin/sleep infinity
                          [Install]
                          WantedBy=multi-user.target
                    - systemd: {name: steward-demo, state: started, enabled: true, daemon_reload: true}
                    - service: {name: apt-daily-upgrade.timer, masked: true}
                    - sysctl: {name: net.ipv4.conf.all.log_martians, value: 1}
                    - sysctl: {name: net.ipv4.ip_forward, value: 1}
                    - hostname: {name: node-a.example}
                    - timezone: {name: Europe/Berlin}
                """.formatted(armoredKey.indent(6).stripTrailing(), PASSWORD_HASH, KEY_ONE, KEY_TWO);
    }

    private static final int TASKS = 16; // 15 tasks + gathering facts

    @Test
    @Order(1)
    void everyModuleChangesAFreshHostAndASecondRunChangesNothing() throws IOException {
        byte[] keyring = Base64.getMimeDecoder().decode(
                onHost("lab1", "base64 -w0 /usr/share/keyrings/debian-archive-keyring.gpg"));
        Path playbook = write("site.yml", sitePlaybook(armor(keyring)));

        CliRun first = CliRun.of("play", playbook.toString(), "-i", lab.inventory().toString(), "--limit", "lab1");
        assertThat(first.exitCode()).as(first.printed()).isZero();
        assertThat(first.recapOf("lab1")).contains("ok=" + TASKS + " changed=15 unreachable=0 failed=0");
        assertThat(first.printed()).doesNotContain(PASSWORD_HASH).doesNotContain("StewardLabSalt");

        assertThat(onHost("lab1", "dpkg-query -W -f='${db:Status-Abbrev}\\n' tree jq")).isEqualTo("ii \nii \n");
        assertThat(onHost("lab1", "which tree jq")).contains("/usr/bin/tree").contains("/usr/bin/jq");
        assertThat(onHost("lab1", "sha256sum < /etc/apt/keyrings/debian-archive.gpg; sha256sum < /etc/apt/keyrings/steward-inline.gpg; sha256sum < /usr/share/keyrings/debian-archive-keyring.gpg | cut -c1-64"))
                .matches("(?s)([0-9a-f]{64})  -\\n\\1  -\\n\\1\\n");
        assertThat(onHost("lab1", "stat -c '%a %U' /etc/apt/keyrings/debian-archive.gpg")).isEqualTo("644 root\n");
        assertThat(onHost("lab1", "cat /etc/apt/sources.list.d/backports.sources")).isEqualTo("""
                Types: deb
                URIs: http://deb.debian.org/debian
                Suites: trixie-backports
                Components: main
                Signed-By: /etc/apt/keyrings/debian-archive.gpg
                """);
        assertThat(onHost("lab1", "cat /etc/apt/sources.list.d/contrib.list"))
                .isEqualTo("deb [signed-by=/etc/apt/keyrings/debian-archive.gpg] http://deb.debian.org/debian trixie contrib\n");
        assertThat(onHost("lab1", "apt-cache policy | grep -c trixie-backports")).isNotEqualTo("0\n");
        assertThat(onHost("lab1", "getent group deployers; getent passwd deploy; id -Gn deploy; getent shadow deploy | cut -d: -f2"))
                .isEqualTo("deployers:x:2500:\ndeploy:x:2501:2500::/home/deploy:/bin/bash\ndeployers sudo\n"
                        + PASSWORD_HASH + "\n");
        assertThat(onHost("lab1", "cat /home/deploy/.ssh/authorized_keys")).isEqualTo(KEY_ONE + "\n" + KEY_TWO + "\n");
        assertThat(onHost("lab1", "stat -c '%a %U %G' /home/deploy/.ssh /home/deploy/.ssh/authorized_keys"))
                .isEqualTo("700 deploy deployers\n600 deploy deployers\n");
        assertThat(onHost("lab1", "systemctl is-active steward-demo; systemctl is-enabled steward-demo; "
                + "systemctl is-enabled apt-daily-upgrade.timer; true"))
                .isEqualTo("active\nenabled\nmasked\n");
        assertThat(onHost("lab1", "sysctl -n net.ipv4.conf.all.log_martians net.ipv4.ip_forward; cat /etc/sysctl.d/90-steward.conf"))
                .isEqualTo("1\n1\nnet.ipv4.conf.all.log_martians = 1\nnet.ipv4.ip_forward = 1\n");
        assertThat(onHost("lab1", "hostname; cat /etc/hostname")).isEqualTo("node-a.example\nnode-a.example\n");
        assertThat(onHost("lab1", "readlink -f /etc/localtime; cat /etc/timezone"))
                .isEqualTo("/usr/share/zoneinfo/Europe/Berlin\nEurope/Berlin\n");

        CliRun second = CliRun.of("play", playbook.toString(), "-i", lab.inventory().toString(), "--limit", "lab1");
        assertThat(second.exitCode()).as(second.printed()).isZero();
        assertThat(second.recapOf("lab1")).contains("ok=" + TASKS + " changed=0 unreachable=0 failed=0");
    }

    @Test
    @Order(2)
    void checkModeOnAnotherFreshHostReportsChangesAndChangesNothing() throws IOException {
        byte[] keyring = Base64.getMimeDecoder().decode(
                onHost("lab2", "base64 -w0 /usr/share/keyrings/debian-archive-keyring.gpg"));
        Path playbook = write("site-check.yml", sitePlaybook(armor(keyring)));
        String snapshot = "dpkg-query -W -f='${db:Status-Abbrev}\\n' tree jq 2>&1; ls -la --time-style=+%s /etc/apt/keyrings "
                + "/etc/apt/sources.list.d /etc/sysctl.d; ls -A /home; getent passwd deploy; getent group deployers; hostname; "
                + "cat /etc/hostname; readlink /etc/localtime; cat /etc/timezone 2>&1; sysctl net.ipv4.conf.all.log_martians; "
                + "systemctl is-enabled apt-daily-upgrade.timer steward-demo 2>&1; ls /var/lib/apt/lists; true";
        // not /home/steward itself: the SSH user's first sudo may leave a mark there (the connection, not a module)
        String before = onHost("lab2", snapshot);

        CliRun check = CliRun.of("play", playbook.toString(), "-i", lab.inventory().toString(), "--limit", "lab2", "--check",
                "--diff");
        assertThat(check.exitCode()).as(check.printed()).isZero();
        assertThat(check.recapOf("lab2")).contains("changed=15").contains("failed=0");
        assertThat(check.printed()).containsPattern("would (update the apt cache [^\\n]*, then )?install tree, jq")
                .contains("would create /etc/apt/sources.list.d/backports.sources")
                .contains("+Signed-By: /etc/apt/keyrings/debian-archive.gpg")
                .contains("may change: ")
                .contains("would create user deploy with a password")
                .contains("+node-a.example")
                .doesNotContain(PASSWORD_HASH);
        assertThat(onHost("lab2", snapshot)).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aHeldDpkgLockIsWaitedForThenItsHolderIsNamed() throws IOException {
        Path remove = write("remove-tree.yml", """
                - hosts: lab1
                  become: true
                  gather_facts: false
                  tasks:
                    - apt: {name: tree, state: absent, lock_timeout: 60}
                """);
        lab.host("lab1").exec("sh", "-c", "flock /var/lib/dpkg/lock-frontend sleep 8 >/dev/null 2>&1 &");
        assertThat(onHost("lab1", "sleep 1; cat /proc/locks")).isNotBlank();
        long start = System.nanoTime();
        CliRun waited = CliRun.of("play", remove.toString(), "-i", lab.inventory().toString());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(waited.exitCode()).as(waited.printed()).isZero();
        assertThat(waited.recapOf("lab1")).contains("changed=1");
        assertThat(seconds).as("waited for the lock").isGreaterThanOrEqualTo(4);
        assertThat(onHost("lab1", "dpkg-query -W -f='${db:Status-Abbrev}' tree 2>&1")).doesNotStartWith("ii");

        Path install = write("install-tree.yml", """
                - hosts: lab1
                  become: true
                  gather_facts: false
                  tasks:
                    - apt: {name: tree, lock_timeout: 3}
                """);
        lab.host("lab1").exec("sh", "-c", "flock /var/lib/dpkg/lock-frontend sleep 20 >/dev/null 2>&1 &");
        onHost("lab1", "sleep 1");
        CliRun refused = CliRun.of("play", install.toString(), "-i", lab.inventory().toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.printed()).contains("fatal: [lab1]")
                .contains("the dpkg lock is still held by process ")
                .contains("(flock /var/lib/dpkg/lock-frontend sleep 20")
                .contains("after waiting 3 s")
                .contains("raise lock_timeout");
        assertThat(onHost("lab1", "dpkg-query -W -f='${db:Status-Abbrev}' tree 2>&1")).doesNotStartWith("ii");
    }

    @Test
    @Order(4)
    void thePackageModulesOnDebian12() throws IOException {
        try (LabCluster bookworm = LabCluster.start(1, LabSuite.BOOKWORM)) {
            Path playbook = write("bookworm.yml", """
                    - hosts: all
                      become: true
                      tasks:
                        - apt: {name: [jq], update_cache: true, cache_valid_time: 3600}
                        - apt_key: {name: debian-archive, url: "file:///usr/share/keyrings/debian-archive-keyring.gpg"}
                        - apt_repository: {uris: "http://deb.debian.org/debian", suites: "${facts.os.codename}-backports",
                                           components: main, signed_by: debian-archive, filename: backports}
                        - apt: {name: tree, state: latest}
                    """);
            CliRun first = CliRun.of("play", playbook.toString(), "-i", bookworm.inventory().toString());
            assertThat(first.exitCode()).as(first.printed()).isZero();
            assertThat(first.recapOf("lab1")).contains("ok=5 changed=4 unreachable=0 failed=0");
            assertThat(bookworm.host("lab1").exec("sh", "-c", "which jq tree; grep Suites /etc/apt/sources.list.d/backports.sources")
                    .getStdout()).isEqualTo("/usr/bin/jq\n/usr/bin/tree\nSuites: bookworm-backports\n");
            CliRun second = CliRun.of("play", playbook.toString(), "-i", bookworm.inventory().toString());
            assertThat(second.exitCode()).as(second.printed()).isZero();
            assertThat(second.recapOf("lab1")).contains("ok=5 changed=0 unreachable=0 failed=0");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Path write(String name, String text) throws IOException {
        Path p = work.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String onHost(String host, String command) {
        return lab.host(host).exec("sh", "-c", command).getStdout();
    }

    /** ASCII armor as gpg --armor writes it (RFC 4880 §6), so the test has an armored key without gpg. */
    static String armor(byte[] binary) {
        long crc = 0xB704CEL;
        for (byte b : binary) {
            crc ^= (b & 0xFF) << 16;
            for (int i = 0; i < 8; i++) {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) {
                    crc ^= 0x1864CFBL;
                }
            }
        }
        crc &= 0xFFFFFF;
        byte[] c = {(byte) (crc >> 16), (byte) (crc >> 8), (byte) crc};
        return "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(binary)
                + "\n=" + Base64.getEncoder().encodeToString(c) + "\n-----END PGP PUBLIC KEY BLOCK-----\n";
    }
}
