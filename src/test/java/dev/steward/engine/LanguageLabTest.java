package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lab.LabCluster;
import dev.steward.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The playbook language over real SSH: handlers, blocks, a failure mid-play, check mode, diff redaction. */
@Tag("lab")
class LanguageLabTest {

    private static LabCluster lab;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        lab = LabCluster.start(3);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static Path write(String name, String text) throws IOException {
        Path p = work.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private static String onHost(String host, String command) {
        return lab.host(host).exec("sh", "-c", command).getStdout();
    }

    /** A fingerprint of everything a playbook could have touched: content, mode and owner of every file. */
    private static String fingerprint(String host) {
        return onHost(host, "find /etc /opt /root /home /srv /usr/local /tmp -xdev \\( -type f -o -type d -o -type l \\)"
                + " -printf '%p %m %u %g %s %l\\n' 2>/dev/null | sort | sha256sum; "
                + "find /etc /opt /root /home /srv /usr/local /tmp -xdev -type f -exec sha256sum {} + 2>/dev/null "
                + "| sort | sha256sum");
    }

    @Test
    void handlersBlocksAndAFailureMidPlay() throws IOException {
        Path playbook = write("flow.yml", """
                - name: Flow
                  hosts: all
                  become: true
                  gather_facts: false
                  handlers:
                    - name: restart app
                      shell: date +%s%N >> /srv/restarts
                    - name: reload proxy
                      listen: config changed
                      shell: echo reloaded >> /srv/reloads
                  tasks:
                    - name: Config
                      copy: {dest: /srv/app.conf, content: "port = ${port!6688}\\n"}
                      notify: [restart app, config changed]
                    - name: A block that fails on lab2
                      block:
                        - shell: "test ${inventory_hostname} != lab2"
                        - copy: {dest: /srv/block-done, content: "yes\\n"}
                      rescue:
                        - copy: {dest: /srv/rescued, content: "${inventory_hostname}\\n"}
                      always:
                        - copy: {dest: /srv/always, content: "always\\n"}
                    - name: lab3 breaks mid-play
                      command: "false"
                      when: inventory_hostname == "lab3"
                    - name: After the failure
                      copy: {dest: /srv/after, content: "after\\n"}
                """);
        CliRun run = CliRun.of("play", playbook.toString(), "-i", lab.inventory().toString());
        assertThat(run.exitCode()).isEqualTo(2);

        assertThat(onHost("lab1", "cat /srv/block-done /srv/always /srv/after; wc -l < /srv/restarts; cat /srv/reloads"))
                .isEqualTo("yes\nalways\nafter\n1\nreloaded\n");
        assertThat(onHost("lab1", "test -e /srv/rescued && echo rescued || echo no")).isEqualTo("no\n");
        assertThat(onHost("lab2", "cat /srv/rescued /srv/always /srv/after; test -e /srv/block-done || echo no-block"))
                .isEqualTo("lab2\nalways\nafter\nno-block\n");
        assertThat(onHost("lab3", "test -e /srv/after || echo no-after; test -e /srv/restarts || echo no-restart"))
                .isEqualTo("no-after\nno-restart\n");

        assertThat(run.recapOf("lab1")).contains("failed=0").contains("rescued=0");
        assertThat(run.recapOf("lab2")).contains("failed=0").contains("rescued=1");
        assertThat(run.recapOf("lab3")).contains("failed=1");
        assertThat(run.out()).contains("RUNNING HANDLER [restart app]")
                .contains("lab3: notified handlers that did not run (the host failed; --force-handlers runs them): "
                        + "restart app, config changed");

        CliRun again = CliRun.of("play", playbook.toString(), "-i", lab.inventory().toString(), "-l", "lab1");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).doesNotContain("RUNNING HANDLER"); // nothing changed: no handler runs
        assertThat(onHost("lab1", "wc -l < /srv/restarts")).isEqualTo("1\n");

        CliRun forced = CliRun.of("play", playbook.toString(), "-i", lab.inventory().toString(), "-l", "lab3",
                "-e", "port=7000", "--force-handlers");
        assertThat(forced.exitCode()).isEqualTo(2);
        assertThat(onHost("lab3", "wc -l < /srv/restarts")).isEqualTo("1\n");
    }

    @Test
    void checkModeLeavesAFreshHostByteForByteUnchangedAndDiffHidesSecrets() throws IOException {
        write("templates/node.toml.ftl", "[Database]\nURL = \"postgresql://node:${db_password}@db:5432/cl\"\n");
        Path playbook = write("check.yml", """
                - hosts: lab1
                  become: true
                  vars:
                    db_password: Sup3r-Secret-Passw0rd
                  tasks:
                    - file: {path: /opt/node, state: directory, mode: 0700}
                    - template: {src: node.toml.ftl, dest: /opt/node/secrets.toml, mode: 0600}
                    - copy: {dest: /etc/motd, content: "managed\\n"}
                    - command: touch /opt/created-by-command
                    - shell: echo hi > /tmp/shell-ran
                    - file: {path: /tmp/a-link, state: link, src: /etc/hostname}
                    - copy: {dest: "/srv/${item}", content: "${item}\\n"}
                      loop: [one, two]
                """);
        String before = fingerprint("lab1");
        CliRun check = CliRun.of("play", playbook.toString(), "-i", lab.inventory().toString(), "--check",
                "--diff");
        assertThat(check.exitCode()).isZero();
        assertThat(fingerprint("lab1")).isEqualTo(before);
        assertThat(check.out()).contains("changed: [lab1] => would create /etc/motd".replace("create", "update"))
                .contains("may change: run: touch /opt/created-by-command")
                // a file that holds a secret: its header and a note, none of its lines
                .contains("+++ after: /opt/node/secrets.toml\n" + dev.steward.report.Redactor.SECRET_FILE_NOTE)
                .doesNotContain("+URL = ").doesNotContain("Sup3r-Secret-Passw0rd");
        assertThat(check.recapOf("lab1")).contains("failed=0");

        CliRun real = CliRun.of("play", playbook.toString(), "-i", lab.inventory().toString(), "--diff");
        assertThat(real.exitCode()).isZero();
        assertThat(real.out()).doesNotContain("Sup3r-Secret-Passw0rd");
        assertThat(onHost("lab1", "stat -c '%a %U' /opt/node/secrets.toml; cat /srv/one /srv/two"))
                .isEqualTo("600 root\none\ntwo\n");
    }
}
