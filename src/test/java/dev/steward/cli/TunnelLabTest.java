package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.lab.LabCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code steward tunnel} as a user runs it, a process of its own, against a real host: a web server on
 * the host's 127.0.0.1:6688 only is not reachable from this machine (the host's sshd is, on the same
 * address), but is on the URL the tunnel prints; Ctrl-C (SIGINT) ends it with exit 0 and closes the
 * local port.
 */
@Tag("lab")
class TunnelLabTest {

    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/");
    private static LabCluster lab;

    @BeforeAll
    static void start() {
        lab = LabCluster.start(1);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 3000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theOperatorUiOnTheHostsLoopbackIsReachableOnlyThroughTheTunnel() throws Exception {
        LabCluster.Host host = lab.host("lab1");
        var started = host.exec("sh", "-c", "mkdir -p /srv/ui && echo 'operator UI of lab1' > /srv/ui/index.html"
                + " && systemd-run --unit=ui python3 -m http.server --bind 127.0.0.1 --directory /srv/ui 6688"
                + " && for i in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:6688/ && exit 0; sleep 0.2; done; exit 1");
        assertThat(started.getExitCode()).as(started.getStderr()).isZero();
        assertThat(answers(host.address(), 22)).as("the host's address is reachable from here").isTrue();
        assertThat(answers(host.address(), 6688)).as("6688 listens on the host's loopback only").isFalse();

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process tunnel = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "tunnel", "lab1", "-i", lab.inventory().toString(), "--local-port", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(tunnel.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).as("the first line names the URL").isNotNull().contains("lab1's 127.0.0.1:6688 is on http://127.0.0.1:");
            Matcher m = URL.matcher(first);
            assertThat(m.find()).isTrue();
            int local = Integer.parseInt(m.group(1));

            HttpResponse<String> page = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local + "/")).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("operator UI of lab1");

            // Ctrl-C: the normal end of a tunnel
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(tunnel.pid())).start();
            assertThat(kill.waitFor()).isZero();
            assertThat(tunnel.waitFor(15, TimeUnit.SECONDS)).as("ends on Ctrl-C").isTrue();
            assertThat(tunnel.exitValue()).isZero();
            assertThat(out.readLine()).isEqualTo("steward tunnel: closed");
            assertThatThrownBy(() -> new Socket("127.0.0.1", local).close()).isInstanceOf(IOException.class);
        } finally {
            tunnel.destroyForcibly();
        }
    }
}
