package dev.steward.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lab.LabCluster;
import dev.steward.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker modules on a fresh Debian 13 host over SSH: Debian's Docker installed and running
 * with live-restore, an image built on this machine loaded with {@code docker_image: load}, a
 * compose project that answers on 127.0.0.1:8080 inside the host; a second run changes nothing;
 * a changed compose file recreates the container. The same playbook in check mode on another fresh
 * host reports what it would do and changes nothing.
 */
@Tag("lab")
class DockerModulesLabTest {

    private static final String IMAGE = "steward-test/web:1";

    private static LabCluster lab;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        buildImageTar(work.resolve("files/web.tar")); // while nothing else runs: docker build is the heavy part
        lab = LabCluster.start(2);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /** A tiny web server image FROM the local debian:trixie base (no registry here), saved to a tar. */
    private static void buildImageTar(Path tar) throws Exception {
        Path context = Files.createDirectories(work.resolve("image"));
        Files.writeString(context.resolve("Dockerfile"), """
                FROM debian:trixie
                WORKDIR /srv
                RUN echo hello-from-steward > /srv/index.html
                CMD ["python3", "-m", "http.server", "8080"]
                """);
        docker("build", "-q", "-t", IMAGE, context.toString());
        Files.createDirectories(tar.getParent());
        docker("save", "-o", tar.toString(), IMAGE);
    }

    private static void docker(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    }

    /** What the console printed for one task, from its header to the next one. */
    private static String task(CliRun run, String title) {
        String out = run.out();
        int at = out.indexOf("TASK [" + title + "]");
        assertThat(at).as("task %s in:%n%s", title, out).isNotNegative();
        int next = out.indexOf("\nTASK [", at + 1);
        int recap = out.indexOf("\nPLAY RECAP", at + 1);
        int end = next < 0 ? recap : Math.min(next, recap);
        return out.substring(at, end < 0 ? out.length() : end);
    }

    private static String onHost(String command) {
        return onHost("lab1", command);
    }

    private static String onHost(String host, String command) {
        return lab.host(host).exec("sh", "-c", command).getStdout();
    }

    private static Path playbook(String hosts) throws IOException {
        return Files.writeString(work.resolve("docker-" + hosts + ".yml"), """
                - hosts: %s
                  become: true
                  gather_facts: false
                  tasks:
                    - name: Engine
                      docker_install: {source: distro}
                    - name: Image
                      docker_image: {name: "%s", load: web.tar}
                    - name: Folder
                      file: {path: /opt/web, state: directory}
                    - name: Compose file
                      copy: {src: docker-compose.yml, dest: /opt/web/docker-compose.yml}
                    - name: Web
                      docker_compose: {project_src: /opt/web, pull: never}
                """.formatted(hosts, IMAGE));
    }

    private static String compose(String greeting) {
        return """
                services:
                  web:
                    image: %s
                    ports: ["127.0.0.1:8080:8080"]
                    restart: unless-stopped
                    environment: {GREETING: "%s"}
                """.formatted(IMAGE, greeting);
    }

    private static String answer() throws InterruptedException {
        String body = "";
        for (int i = 0; i < 40 && !body.contains("hello"); i++) {
            body = onHost("curl -s --max-time 2 http://127.0.0.1:8080/index.html || true");
            if (!body.contains("hello")) {
                Thread.sleep(250);
            }
        }
        return body;
    }

    @Test
    void installLoadComposeThenNothingChangesThenACompositionChangeRecreates() throws Exception {
        Files.writeString(work.resolve("files/docker-compose.yml"), compose("hi"));
        Path playbook = playbook("lab1");
        String inventory = lab.inventory().toString();

        CliRun first = CliRun.of("play", playbook.toString(), "-i", inventory);
        assertThat(first.exitCode()).as(first.out()).isZero();
        assertThat(first.recapOf("lab1")).contains("ok=5 changed=5 unreachable=0 failed=0");
        assertThat(task(first, "Image")).contains("[lab1] uploaded web.tar: ").contains("changed: [lab1]");
        assertThat(onHost("systemctl is-active docker")).isEqualTo("active\n");
        assertThat(onHost("docker info --format '{{.LiveRestoreEnabled}}'")).isEqualTo("true\n");
        assertThat(onHost("cat /etc/docker/daemon.json")).contains("\"live-restore\": true")
                .contains("\"max-size\": \"10m\"");
        assertThat(answer()).isEqualTo("hello-from-steward\n");
        String containerId = onHost("docker ps -q --no-trunc --filter name=web-web-1");
        assertThat(containerId).isNotBlank();

        CliRun second = CliRun.of("play", playbook.toString(), "-i", inventory);
        assertThat(second.exitCode()).as(second.out()).isZero();
        assertThat(second.recapOf("lab1")).contains("ok=5 changed=0 unreachable=0 failed=0");
        assertThat(task(second, "Image")).doesNotContain("upload");
        assertThat(onHost("docker ps -q --no-trunc --filter name=web-web-1")).isEqualTo(containerId);

        Files.writeString(work.resolve("files/docker-compose.yml"), compose("hello again"));
        CliRun third = CliRun.of("play", playbook.toString(), "-i", inventory);
        assertThat(third.exitCode()).as(third.out()).isZero();
        assertThat(third.recapOf("lab1")).contains("ok=5 changed=2 unreachable=0 failed=0");
        assertThat(task(third, "Web")).contains("changed: [lab1]");
        assertThat(onHost("docker ps -q --no-trunc --filter name=web-web-1")).isNotBlank().isNotEqualTo(containerId);
        assertThat(onHost("docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' web-web-1"))
                .contains("GREETING=hello again");
        assertThat(answer()).isEqualTo("hello-from-steward\n");
    }

    @Test
    void checkModeOnAnotherFreshHostReportsEveryChangeAndChangesNothing() throws Exception {
        if (!Files.exists(work.resolve("files/docker-compose.yml"))) {
            Files.writeString(work.resolve("files/docker-compose.yml"), compose("hi"));
        }
        String before = onHost("lab2", "ls -la /opt /etc/docker 2>&1; dpkg -l | grep -c '^ii' ; command -v docker || true");

        CliRun check = CliRun.of("play", playbook("lab2").toString(), "-i", lab.inventory().toString(), "--check",
                "--diff");
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(check.recapOf("lab2")).as(check.out()).contains("ok=5 changed=5 unreachable=0 failed=0");
        assertThat(task(check, "Engine")).contains("changed: [lab2]");
        assertThat(task(check, "Image")).contains("changed: [lab2]").doesNotContain("uploaded");
        assertThat(task(check, "Compose file")).contains("+    image: " + IMAGE);
        assertThat(task(check, "Web")).contains("changed: [lab2]");

        assertThat(onHost("lab2", "ls -la /opt /etc/docker 2>&1; dpkg -l | grep -c '^ii' ; command -v docker || true"))
                .as("the host is as it was").isEqualTo(before);
        assertThat(onHost("lab2", "test -e /opt/web && echo present || echo absent")).isEqualTo("absent\n");
    }
}
