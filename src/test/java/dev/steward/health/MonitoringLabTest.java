package dev.steward.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lab.LabCluster;
import dev.steward.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks/monitoring.yml on two lab hosts, lab1 the monitor: node_exporter answers on 9100 on both,
 * and after the monitor's health service has run once, lab1's node_exporter serves the steward health
 * metrics of both hosts. Needs target/steward.jar (bin/steward or mvn package builds it).
 */
@Tag("lab")
class MonitoringLabTest {

    private static final Path JAR = Path.of("target/steward.jar").toAbsolutePath();
    private static LabCluster lab;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        assertThat(JAR).as("build target/steward.jar first (mvn -DskipTests package)").exists();
        lab = LabCluster.start(2);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static String on(String host, String command) {
        return lab.host(host).exec("sh", "-c", command).getStdout().trim();
    }

    private static Path inventory() throws Exception {
        LabCluster.Host mon = lab.host("lab1");
        LabCluster.Host web = lab.host("lab2");
        String hostLine = "        %s: {address: %s, ssh: {host: %s, port: %d}}\n";
        return Files.writeString(work.resolve("inventory.yml"), "all:\n"
                + "  vars:\n"
                + "    monitor_ssh_user: " + mon.user() + "\n"
                + "    monitor_steward_jar: \"" + JAR + "\"\n"
                // the 5-minute load is the whole test machine's (containers share its kernel)
                + "    health_load_warn_per_cpu: 1000\n"
                + "    health_load_fail_per_cpu: 2000\n"
                + "  ssh: {user: " + mon.user() + ", private_key: \"" + mon.privateKey() + "\", known_hosts: \""
                + lab.knownHosts() + "\", host_key_checking: accept-new}\n"
                + "  children:\n"
                + "    monitor:\n"
                + "      hosts:\n"
                + hostLine.formatted("lab1", mon.address(), mon.sshHost(), mon.sshPort())
                + "    web:\n"
                + "      hosts:\n"
                + hostLine.formatted("lab2", web.address(), web.sshHost(), web.sshPort()));
    }

    @Test
    void nodeExporterServesTheHealthChecksTheMonitorsTimerWrote() throws Exception {
        Path inv = inventory();
        long t0 = System.nanoTime();
        CliRun first = CliRun.of("play", "playbooks/monitoring.yml", "-i", inv.toString());
        System.out.printf("monitoring.yml, first run: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(first.exitCode()).as(first.printed()).isZero();

        // node_exporter on every host, reachable from the other
        assertThat(on("lab1", "curl -s --max-time 5 http://" + lab.host("lab2").address() + ":9100/metrics"))
                .contains("node_load1");
        // the timer is on; one run now, as it would every minute
        assertThat(on("lab1", "systemctl is-enabled steward-health.timer; systemctl is-active steward-health.timer"))
                .isEqualTo("enabled\nactive");
        String started = on("lab1", "systemctl start steward-health.service; echo $?; "
                + "journalctl -u steward-health.service --no-pager | tail -5");
        assertThat(started).as(started).startsWith("0");

        String metrics = on("lab1", "curl -s --max-time 5 http://127.0.0.1:9100/metrics");
        List<PrometheusText.Sample> samples = PrometheusText.parse(metrics + (metrics.endsWith("\n") ? "" : "\n"));
        assertThat(samples).anySatisfy(s -> assertThat(s.name()).isEqualTo("node_load1"));
        String settings = on("lab1", "cat /etc/steward-monitor/host_vars/*.yml; journalctl -u steward-health.service"
                + " --no-pager | grep -i load | tail -4");
        for (String host : List.of("lab1", "lab2")) {
            for (String check : List.of("ssh", "disk", "memory", "load")) {
                assertThat(samples).as(host + " " + check + " (the monitor's settings and log: " + settings + ")").anySatisfy(s -> {
                    assertThat(s.name()).isEqualTo("steward_check");
                    assertThat(s.labels()).containsEntry("host", host).containsEntry("check", check);
                    assertThat(s.value()).isEqualTo(1.0);
                });
            }
        }
        assertThat(samples).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("steward_health_unreachable_hosts");
            assertThat(s.value()).isZero();
        });

        // what the monitor holds is for it alone
        assertThat(on("lab1", "stat -c '%a %U:%G' /etc/steward-monitor/inventory.yml "
                + "/etc/steward-monitor/host_vars/lab2.yml /var/lib/steward-monitor/.ssh/id_ed25519"))
                .isEqualTo("640 root:steward-monitor\n640 root:steward-monitor\n600 steward-monitor:steward-monitor");
        assertThat(on("lab2", "cat /home/" + lab.host("lab2").user() + "/.ssh/authorized_keys"))
                .contains("from=\"" + lab.host("lab1").address() + "\" ssh-ed25519 ");

        // the example rules and scrape configuration, as Prometheus' own promtool reads them
        for (String f : List.of("alerts.yml", "prometheus.yml")) {
            String text = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of("playbooks/monitoring", f)));
            on("lab2", "mkdir -p /tmp/promcheck && echo " + text + " | base64 -d > /tmp/promcheck/" + f);
        }
        long t1 = System.nanoTime();
        on("lab2", "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus >/dev/null 2>&1");
        System.out.printf("apt-get install prometheus (for promtool): %.1f s%n", (System.nanoTime() - t1) / 1e9);
        String rules = on("lab2", "promtool check rules /tmp/promcheck/alerts.yml 2>&1; echo exit=$?");
        assertThat(rules).as(rules).contains("SUCCESS").endsWith("exit=0");
        String config = on("lab2", "promtool check config /tmp/promcheck/prometheus.yml 2>&1; echo exit=$?");
        assertThat(config).as(config).contains("SUCCESS").endsWith("exit=0");

        CliRun again = CliRun.of("play", "playbooks/monitoring.yml", "-i", inv.toString());
        assertThat(again.exitCode()).as(again.printed()).isZero();
        assertThat(again.recapOf("lab1")).contains("changed=0");
        assertThat(again.recapOf("lab2")).contains("changed=0");
    }
}
