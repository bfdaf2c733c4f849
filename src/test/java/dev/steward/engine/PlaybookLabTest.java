package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lab.LabCluster;
import dev.steward.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The proof: playbooks over real SSH against three real Debian hosts (systemd, sshd, sudo). */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaybookLabTest {

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
        Files.writeString(p, text);
        return p;
    }

    private static String onHost(String host, String command) {
        return lab.host(host).exec("sh", "-c", command).getStdout();
    }

    @Test
    @Order(1)
    void filesAreWrittenWithContentModeAndOwnerAndASecondRunChangesNothing() throws IOException {
        write("templates/app.conf.ftl", "name = \"${inventory_hostname}\"\nchain_id = ${chain_id}\nos = \"${facts.os.id}\"\n");
        Path playbook = write("files.yml", """
                - name: Files on every host
                  hosts: all
                  become: true
                  vars:
                    chain_id: 11155111
                    app_dir: /opt/app
                  tasks:
                    - name: App folder
                      file: {path: "${app_dir}", state: directory, mode: 0750, owner: steward, group: steward}
                    - name: Config from a template
                      template: {src: app.conf.ftl, dest: "${app_dir}/app.conf", mode: 0640, owner: steward}
                    - name: A secret-ish file from content
                      copy: {dest: "${app_dir}/note with space.txt", content: "it's here\\n", mode: 600}
                    - name: A link
                      file: {path: /opt/current, state: link, src: "${app_dir}"}
                """);
        CliRun first = CliRun.of("play", playbook.toString(), "-i", lab.inventory().toString());
        assertThat(first.exitCode()).isZero();
        assertThat(first.recapOf("lab1")).contains("ok=5 changed=4 unreachable=0 failed=0");

        for (String host : new String[] {"lab1", "lab2", "lab3"}) {
            assertThat(onHost(host, "cat /opt/app/app.conf"))
                    .isEqualTo("name = \"" + host + "\"\nchain_id = 11155111\nos = \"debian\"\n");
            assertThat(onHost(host, "stat -c '%a %U %G' /opt/app /opt/app/app.conf '/opt/app/note with space.txt'"))
                    .isEqualTo("750 steward steward\n640 steward root\n600 root root\n");
            assertThat(onHost(host, "cat '/opt/app/note with space.txt'")).isEqualTo("it's here\n");
            assertThat(onHost(host, "readlink /opt/current")).isEqualTo("/opt/app\n");
            assertThat(onHost(host, "ls -a /opt/app")).doesNotContain(".steward.");
        }

        CliRun second = CliRun.of("play", playbook.toString(), "-i", lab.inventory().toString());
        assertThat(second.exitCode()).isZero();
        for (String host : new String[] {"lab1", "lab2", "lab3"}) {
            assertThat(second.recapOf(host)).contains("ok=5 changed=0 unreachable=0 failed=0");
        }
    }

    @Test
    @Order(2)
    void aFailingCommandNamesHostTaskModuleCommandExitCodeAndStderr() throws IOException {
        Path playbook = write("fail.yml", """
                - hosts: lab1:lab2
                  gather_facts: false
                  tasks:
                    - name: Break on lab2 only
                      shell: "if [ $(hostname) = lab2 ]; then echo 'disk on fire' >&2; exit 7; fi"
                    - name: Runs after
                      command: echo still here
                      register: after
                    - debug: {msg: "after=${after.stdout}"}
                """);
        CliRun run = CliRun.of("play", playbook.toString(), "-i", lab.inventory().toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("fatal: [lab2]: FAILED! => task 'Break on lab2 only', module shell (")
                .contains("fail.yml:4:7")
                .contains("exit code: 7")
                .contains("stderr: disk on fire")
                .contains("command: if [ $(hostname) = lab2 ]")
                .contains("ok: [lab1] => after=still here");
        assertThat(run.recapOf("lab1")).contains("failed=0");
        assertThat(run.recapOf("lab2")).contains("ok=0 changed=0 unreachable=0 failed=1");
    }

    @Test
    @Order(3)
    void becomeWithASudoPassword() throws IOException {
        String password = "Correct-Horse-42";
        lab.host("lab3").exec("sh", "-c", "id alice >/dev/null 2>&1 || useradd -m -s /bin/bash -G sudo alice; "
                + "echo 'alice:" + password + "' | chpasswd");
        Path inventory = write("alice.yml", """
                all:
                  hosts:
                    lab3:
                      ssh: {host: %s, port: %d, user: alice, private_key: %s, known_hosts: %s,
                            host_key_checking: accept-new, become_password: "%s"}
                """.formatted(lab.host("lab3").sshHost(), lab.host("lab3").sshPort(), lab.key().privateKey(),
                lab.knownHosts(), password));
        Path playbook = write("become.yml", """
                - hosts: all
                  gather_facts: false
                  become: true
                  tasks:
                    - name: Only root may write here
                      copy: {dest: /root/proof, content: "written as root\\n"}
                    - command: id -un
                      register: who
                    - debug: {msg: "whoami=${who.stdout}"}
                """);
        CliRun run = CliRun.of("play", playbook.toString(), "-i", inventory.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("whoami=root").doesNotContain(password);
        assertThat(onHost("lab3", "stat -c '%U' /root/proof; cat /root/proof")).isEqualTo("root\nwritten as root\n");
        assertThat(onHost("lab3", "journalctl -q --no-pager 2>/dev/null; cat /var/log/auth.log 2>/dev/null; true"))
                .doesNotContain(password);

        Path wrong = write("alice-wrong.yml", Files.readString(inventory).replace(password, "Wrong-Password-1"));
        CliRun refused = CliRun.of("play", playbook.toString(), "-i", wrong.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.out()).contains("fatal: [lab3]: FAILED!").contains("sudo").doesNotContain("Wrong-Password-1");
    }

    @Test
    @Order(4)
    void pingChecksSshAndSudo() {
        CliRun run = CliRun.of("ping", "-i", lab.inventory().toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("lab1 | SUCCESS => pong (as root)").contains("lab3 | SUCCESS");
    }

    @Test
    @Order(5)
    void jsonOutputIsOneEventPerLineAndExtraVarsWin() throws IOException {
        Path playbook = write("json.yml", """
                - name: JSON
                  hosts: lab1
                  gather_facts: false
                  vars:
                    greeting: from play vars
                  tasks:
                    - name: Say
                      debug: {msg: "${greeting} ${n + 1}"}
                """);
        CliRun run = CliRun.of("play", playbook.toString(), "-i", lab.inventory().toString(), "--output",
                "json", "-e", "greeting=hello", "-e", "n=41");
        assertThat(run.exitCode()).isZero();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.List<com.fasterxml.jackson.databind.JsonNode> events = new java.util.ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            events.add(json.readTree(line));
        }
        assertThat(events).extracting(e -> e.get("event").asText())
                .containsExactly("play_start", "task_start", "host_result", "recap");
        com.fasterxml.jackson.databind.JsonNode result = events.get(2);
        assertThat(result.get("host").asText()).isEqualTo("lab1");
        assertThat(result.get("status").asText()).isEqualTo("ok");
        assertThat(result.get("message").asText()).isEqualTo("hello 42");
        assertThat(result.get("duration_ms").isNumber()).isTrue();
        assertThat(events.get(3).at("/hosts/lab1/ok").asInt()).isEqualTo(1);
    }

    @Test
    @Order(10)
    void aStoppedHostIsUnreachableAndTheOthersStillFinish() throws IOException {
        Path playbook = write("unreachable.yml", """
                - hosts: all
                  tasks:
                    - copy: {dest: /tmp/finished, content: "yes\\n"}
                """);
        lab.stop("lab2");
        CliRun run = CliRun.of("play", playbook.toString(), "-i", lab.inventory().toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("fatal: [lab2]: UNREACHABLE!");
        assertThat(run.recapOf("lab2")).contains("unreachable=1");
        assertThat(run.recapOf("lab1")).contains("ok=2 changed=1 unreachable=0 failed=0");
        assertThat(onHost("lab1", "cat /tmp/finished")).isEqualTo("yes\n");
        assertThat(onHost("lab3", "cat /tmp/finished")).isEqualTo("yes\n");
    }
}
