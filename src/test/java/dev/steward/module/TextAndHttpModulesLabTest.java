package dev.steward.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lab.LabCluster;
import dev.steward.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * lineinfile, blockinfile, replace, get_url, stat, slurp, fetch, wait_for and uri on fresh Debian
 * hosts over SSH: lab1 serves HTTP ({@code python3 -m http.server}); lab2 is provisioned twice (the
 * second run changes nothing); lab3 gets the same playbook in {@code --check} and stays as it was.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TextAndHttpModulesLabTest {

    private static final String TOOL = "#!/bin/sh\necho tool 1.0\n";
    private static final String SITE = "listen 80;\nserver_name example;\nlisten 8080;\n";
    private static LabCluster lab;
    private static Path playbook;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        lab = LabCluster.start(3);
        onHost("lab1", "mkdir -p /srv/www && printf '%s' '" + TOOL + "' > /srv/www/tool.sh"
                + " && printf '{\"healthy\": true, \"height\": 42}' > /srv/www/status.json"
                + " && (setsid nohup python3 -m http.server 8080 --directory /srv/www >/tmp/http.log 2>&1 </dev/null &)");
        for (String host : new String[] {"lab2", "lab3"}) { // a config file every fresh host has
            onHost(host, "printf '" + SITE + "' > /etc/demo-site.conf");
        }
        playbook = work.resolve("site.yml");
        Files.writeString(playbook, """
                - name: Text and HTTP modules
                  hosts: all
                  become: true
                  gather_facts: false
                  tasks:
                    - name: A setting, in a file lineinfile creates
                      lineinfile: {path: /etc/steward-app.conf, regexp: "^port *=", line: "port = 8080", create: true, mode: 0640}
                    - name: A header line first
                      lineinfile: {path: /etc/steward-app.conf, line: "# managed by steward", insertbefore: BOF, create: true}
                    - name: A block of peers
                      blockinfile:
                        path: /etc/steward-app.conf
                        create: true
                        block: |
                          peer = ${server}
                          retries = 3
                    - name: Listen on IPv6 too
                      replace: {path: /etc/demo-site.conf, regexp: '^listen (\\d+);$', replace: 'listen [::]:\\1;'}
                    - name: Wait for the HTTP server on another lab host
                      wait_for: {host: "${server}", port: 8080, timeout: 60}
                    - name: Wait for this host's own sshd
                      wait_for: {port: 22, timeout: 10}
                    - name: Wait for a path and a line in it
                      wait_for: {path: /etc/demo-site.conf, search_regex: "server_name \\\\w+", timeout: 10}
                    - name: Download the tool, verified
                      get_url: {url: "http://${server}:8080/tool.sh", dest: /usr/local/bin/tool, checksum: "sha256:${tool_sha}", mode: 0755}
                    - name: Stat the config
                      stat: {path: /etc/steward-app.conf}
                      register: st
                    - name: Slurp the site
                      slurp: {src: /etc/demo-site.conf}
                      register: site
                    - name: Fetch the site to the controller
                      fetch: {src: /etc/demo-site.conf, dest: fetched}
                    - name: Ask the server
                      uri: {url: "http://${server}:8080/status.json", return_content: true}
                      register: health
                    - debug:
                        msg: "exists=${st.stat.exists} mode=${st.stat.mode!'none'} healthy=${health.json.healthy} height=${health.json.height} status=${health.status} site_v6=${site.content_text?contains('[::]:80')?c}"
                """);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static String onHost(String host, String command) {
        return lab.host(host).exec("sh", "-c", command).getStdout();
    }

    private static CliRun play(String... more) throws Exception {
        String[] base = {"play", playbook.toString(), "-i", lab.inventory().toString(), "-e",
                "server=" + lab.host("lab1").address(), "-e", "tool_sha=" + sha256(TOOL)};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    @Order(1)
    void aFreshHostIsProvisionedAndASecondRunChangesNothing() throws Exception {
        CliRun first = play("--limit", "lab2");
        assertThat(first.exitCode()).as(first.printed()).isZero();
        assertThat(first.recapOf("lab2")).contains("ok=13 changed=6 unreachable=0 failed=0");
        assertThat(first.printed()).contains("exists=true mode=0640 healthy=true height=42 status=200 site_v6=true");

        assertThat(onHost("lab2", "cat /etc/steward-app.conf")).isEqualTo("# managed by steward\nport = 8080\n"
                + "# BEGIN STEWARD MANAGED BLOCK\npeer = " + lab.host("lab1").address() + "\nretries = 3\n"
                + "# END STEWARD MANAGED BLOCK\n");
        assertThat(onHost("lab2", "stat -c '%a %U' /etc/steward-app.conf /usr/local/bin/tool")).isEqualTo("640 root\n755 root\n");
        assertThat(onHost("lab2", "cat /etc/demo-site.conf")).isEqualTo("listen [::]:80;\nserver_name example;\nlisten [::]:8080;\n");
        assertThat(onHost("lab2", "/usr/local/bin/tool")).isEqualTo("tool 1.0\n");
        assertThat(onHost("lab2", "ls -a /etc /usr/local/bin")).doesNotContain(".steward.");
        Path fetched = work.resolve("fetched/lab2/etc/demo-site.conf");
        assertThat(fetched).hasContent("listen [::]:80;\nserver_name example;\nlisten [::]:8080;");
        assertThat(Files.readString(fetched)).endsWith("8080;\n");

        CliRun second = play("--limit", "lab2");
        assertThat(second.exitCode()).as(second.printed()).isZero();
        assertThat(second.recapOf("lab2")).contains("ok=13 changed=0 unreachable=0 failed=0");
    }

    @Test
    @Order(2)
    void checkModeOnAnotherFreshHostReportsTheChangesAndChangesNothing() throws Exception {
        String before = onHost("lab3", "ls -la /etc /usr/local/bin; cat /etc/demo-site.conf; md5sum /etc/demo-site.conf");
        CliRun check = play("--limit", "lab3", "--check");
        assertThat(check.exitCode()).as(check.printed()).isZero();
        assertThat(check.recapOf("lab3")).contains("ok=13 changed=6 unreachable=0 failed=0");
        assertThat(check.printed()).contains("exists=false mode=none healthy=true height=42 status=200 site_v6=false");
        assertThat(onHost("lab3", "ls -la /etc /usr/local/bin; cat /etc/demo-site.conf; md5sum /etc/demo-site.conf"))
                .isEqualTo(before);
        assertThat(onHost("lab3", "test -e /etc/steward-app.conf || echo absent")).isEqualTo("absent\n");
        assertThat(work.resolve("fetched/lab3")).doesNotExist();
    }

    @Test
    @Order(3)
    void aWaitThatTimesOutSaysWhatItWaitedFor() throws Exception {
        Path p = work.resolve("wait.yml");
        Files.writeString(p, """
                - hosts: lab2
                  gather_facts: false
                  tasks:
                    - wait_for: {host: "${server}", port: 8081, timeout: 2}
                """);
        CliRun run = CliRun.of("play", p.toString(), "-i", lab.inventory().toString(), "-e", "server=" + lab.host("lab1").address());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printed()).contains("Timeout when waiting for port " + lab.host("lab1").address()
                + ":8081 to answer (waited 2 s, from lab2)");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
