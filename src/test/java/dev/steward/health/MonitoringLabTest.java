package dev.steward.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.engine.ChainlinkPairLab;
import dev.steward.lab.LabCluster;
import dev.steward.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks/monitoring.yml on the lab's Chainlink pair ({@link ChainlinkPairLab}: lab1 and lab2 run the node,
 * lab3 PostgreSQL), lab3 also the monitor: node_exporter answers on 9100 everywhere; from the monitor, the
 * lease holder's /metrics proxy (6689) returns the node's own metrics while every other path answers 404,
 * the standby's answers 502 and another host is refused; after the monitor's health service has run once,
 * its node_exporter serves the steward health metrics of every host. Then firewall.yml: its own reach test
 * passes, and only the monitor still gets in to 6689 and 9100. Needs target/steward.jar (bin/steward
 * or mvn package builds it) and the stand-in tars (bin/build-standins).
 */
@Tag("lab")
class MonitoringLabTest {

    private static final Path JAR = Path.of("target/steward.jar").toAbsolutePath();
    private static final List<String> HOSTS = List.of("lab1", "lab2", "lab3");
    private static LabCluster lab;
    private static ChainlinkPairLab stack;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        assertThat(JAR).as("build target/steward.jar first (mvn -DskipTests package)").exists();
        assertThat(ChainlinkPairLab.STANDINS.resolve("steward-standin_chainlink_2.10.0.tar"))
                .as("run bin/build-standins first").exists();
        lab = LabCluster.start(3);
        stack = new ChainlinkPairLab(lab, work);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static String on(String host, String command) {
        return stack.on(host, command);
    }

    /** The pair's inventory, with lab3 (the database host) also in the monitor group. */
    private static Path inventory() throws Exception {
        Path inv = stack.writeInventory("2.10.0", "10s", 120);
        Files.writeString(inv, "    monitor:\n      hosts:\n        lab3: {}\n", StandardOpenOption.APPEND);
        Files.writeString(inv.resolveSibling("group_vars/all/monitoring.yml"), """
                monitor_ssh_user: %s
                monitor_steward_jar: "%s"
                # the 5-minute load is the whole test machine's (containers share its kernel)
                health_load_warn_per_cpu: 1000
                health_load_fail_per_cpu: 2000
                """.formatted(lab.host("lab3").user(), JAR));
        return inv;
    }

    /** The HTTP status a curl on {@code host} gets; 000 when nothing answers. */
    private static String status(String host, String args) {
        return on(host, "curl -s -o /dev/null -w '%{http_code}' --max-time 5 " + args + " || true");
    }

    @Test
    void theMonitorScrapesNodeExporterAndTheNodesOwnMetricsAndItsTimerWritesTheHealthChecks() throws Exception {
        Path inv = inventory();
        stack.databaseAndRpc(inv);
        stack.nodes(inv);
        String holder = stack.awaitOneServing();
        String standby = holder.equals("lab1") ? "lab2" : "lab1";

        long t0 = System.nanoTime();
        CliRun first = CliRun.of("play", "playbooks/monitoring.yml", "-i", inv.toString());
        System.out.printf("monitoring.yml, first run: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(first.exitCode()).as(first.printed()).isZero();

        // node_exporter on every host, reachable from the monitor
        for (String h : HOSTS) {
            assertThat(on("lab3", "curl -s --max-time 5 http://" + lab.host(h).address() + ":9100/metrics"))
                    .as(h).contains("node_load1");
        }

        // the node's own /metrics, from the monitor, through the holder's proxy; nothing else of its web server
        String node = "http://" + lab.host(holder).address() + ":6689";
        String scraped = on("lab3", "curl -sf --max-time 5 " + node + "/metrics");
        List<PrometheusText.Sample> nodeSamples = PrometheusText.parse(scraped + (scraped.endsWith("\n") ? "" : "\n"));
        assertThat(nodeSamples).as(scraped).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("version");
            assertThat(s.labels()).containsEntry("version", "2.10.0");
            assertThat(s.value()).isEqualTo(1.0);
        });
        assertThat(nodeSamples).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("health");
            assertThat(s.labels()).containsEntry("service_id", "Database");
            assertThat(s.value()).isEqualTo(1.0);
        });
        for (String path : List.of("/", "/health", "/v2/keys/eth", "/metrics/../v2/keys/eth", "/metricsx")) {
            assertThat(status("lab3", "--path-as-is " + node + path)).as(path).isEqualTo("404");
        }
        assertThat(status("lab3", "-X POST " + node + "/metrics")).isEqualTo("403");
        // the operator UI itself stays off the network
        assertThat(status("lab3", "http://" + lab.host(holder).address() + ":6688/")).isEqualTo("000");
        // a standby's web server is not up: its proxy has nothing to pass to
        assertThat(status("lab3", "http://" + lab.host(standby).address() + ":6689/metrics")).isEqualTo("502");
        // another host (the standby's) is not the monitor
        assertThat(status(standby, node + "/metrics")).isEqualTo("403");

        // the timer is on; one run now, as it would every minute
        assertThat(on("lab3", "systemctl is-enabled steward-health.timer; systemctl is-active steward-health.timer"))
                .isEqualTo("enabled\nactive");
        String started = on("lab3", "systemctl start steward-health.service; echo $?; "
                + "journalctl -u steward-health.service --no-pager | tail -5");
        assertThat(started).as(started).startsWith("0");

        String metrics = on("lab3", "curl -s --max-time 5 http://127.0.0.1:9100/metrics");
        List<PrometheusText.Sample> samples = PrometheusText.parse(metrics + (metrics.endsWith("\n") ? "" : "\n"));
        assertThat(samples).anySatisfy(s -> assertThat(s.name()).isEqualTo("node_load1"));
        String settings = on("lab3", "cat /etc/steward-monitor/host_vars/*.yml; journalctl -u steward-health.service"
                + " --no-pager | grep -i load | tail -4");
        for (String host : HOSTS) {
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
        assertThat(on("lab3", "stat -c '%a %U:%G' /etc/steward-monitor/inventory.yml "
                + "/etc/steward-monitor/host_vars/lab2.yml /var/lib/steward-monitor/.ssh/id_ed25519"))
                .isEqualTo("640 root:steward-monitor\n640 root:steward-monitor\n600 steward-monitor:steward-monitor");
        assertThat(on("lab2", "cat /home/" + lab.host("lab2").user() + "/.ssh/authorized_keys"))
                .contains("from=\"" + lab.host("lab3").address() + "\" ssh-ed25519 ");

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
        for (String h : HOSTS) {
            assertThat(again.recapOf(h)).as(h).contains("changed=0");
        }

        // the firewall's policy (its last play tests every path from every host) lets only the monitor in
        long t2 = System.nanoTime();
        CliRun firewall = CliRun.of("play", "playbooks/firewall.yml", "-i", inv.toString(), "-e", "firewall_rollback_timeout=30");
        System.out.printf("firewall.yml: %.1f s%n", (System.nanoTime() - t2) / 1e9);
        assertThat(firewall.exitCode()).as(firewall.printed()).isZero();
        CliRun reach = CliRun.of("reach", "-i", inv.toString());
        assertThat(reach.exitCode()).as(reach.printed()).isZero();
        assertThat(reach.out()).contains(lab.host(holder).address() + ":6689").contains(lab.host("lab1").address() + ":9100");
        assertThat(status("lab3", node + "/metrics")).isEqualTo("200");
        assertThat(status(standby, node + "/metrics")).isEqualTo("000");
        assertThat(status(standby, "http://" + lab.host("lab3").address() + ":9100/metrics")).isEqualTo("000");
    }
}
