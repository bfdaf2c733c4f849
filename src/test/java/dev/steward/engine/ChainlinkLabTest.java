package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.engine.ChainlinkPairLab.Run;
import dev.steward.lab.LabCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chainlink.yml on three lab hosts: lab1 and lab2 run the node stand-in (loaded from
 * target/standins/, made by bin/build-standins), lab3 runs Debian's PostgreSQL (TLS with its snakeoil
 * certificate, so sslmode=require) and the RPC stand-in. Stage staging. Run with
 * TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_RYUK_DISABLED=true.
 */
@Tag("lab")
class ChainlinkLabTest {

    private static final Path STANDINS = ChainlinkPairLab.STANDINS;
    private static LabCluster lab;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        // bin/test builds them first; a missing tar is an error, not a reason to skip the proof
        org.assertj.core.api.Assertions.assertThat(STANDINS.resolve("steward-standin_chainlink_2.10.0.tar"))
                .as("run bin/build-standins first").exists();
        lab = LabCluster.start(3);
        pair = new ChainlinkPairLab(lab, work);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static ChainlinkPairLab pair;

    private static Run steward(String... args) {
        return ChainlinkPairLab.steward(args);
    }

    private static String on(String host, String command) {
        return pair.on(host, command);
    }

    private static String health(String host) {
        return pair.health(host);
    }

    private static Path writeInventory(String version, String leaseDuration) throws Exception {
        return pair.writeInventory(version, leaseDuration, 120);
    }

    @Test
    void twoNodesOneServingRollingRestartAndVersionDriftRefused() throws Exception {
        Path inv = writeInventory("2.10.0", "10s");
        pair.databaseAndRpc(inv);
        Path playbooks = Path.of("playbooks").toAbsolutePath();
        // docker.yml is stack-base's (a placeholder here); distro Docker on the node hosts
        Run docker = steward("play", playbooks.resolve("docker.yml").toString(), "-i", inv.toString());
        assertThat(docker.exitCode()).as(docker.out()).isZero();

        Run first = steward("play", playbooks.resolve("chainlink.yml").toString(), "-i", inv.toString());
        assertThat(first.exitCode()).as(first.out()).isZero();
        for (String n : List.of("lab1", "lab2")) {
            assertThat(on(n, "docker inspect --format '{{.State.Running}} {{.Config.Image}}' chainlink"))
                    .isEqualTo("true steward-standin/chainlink:2.10.0");
            assertThat(on(n, "stat -c '%a %u' /opt/chainlink")).isEqualTo("700 14933");
            assertThat(on(n, "stat -c '%a %u' /opt/chainlink/secrets.toml")).isEqualTo("600 14933");
        }
        // exactly one answers on its own 6688 (the lease holder), the other refuses (standing by)
        String holder = awaitOneServing();
        String standby = holder.equals("lab1") ? "lab2" : "lab1";
        assertThat(health(standby)).isEqualTo("000");
        // 6688 is not reachable from another host
        String holderAddress = lab.host(holder).address();
        assertThat(on("lab3", "curl -s -o /dev/null -w '%{http_code}' --max-time 2 http://" + holderAddress
                + ":6688/health || true")).isEqualTo("000");

        Run second = steward("play", playbooks.resolve("chainlink.yml").toString(), "-i", inv.toString());
        assertThat(second.exitCode()).as(second.out()).isZero();
        assertThat(second.recap("lab1")).contains("changed=0");
        assertThat(second.recap("lab2")).contains("changed=0");

        // a changed config value: standby first, holder second, never both down
        String holderStart = on(holder, "docker inspect --format '{{.State.StartedAt}}' chainlink");
        String standbyStart = on(standby, "docker inspect --format '{{.State.StartedAt}}' chainlink");
        writeInventory("2.10.0", "9s");
        List<String[]> samples = new ArrayList<>();
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                String[] s = {String.valueOf(System.currentTimeMillis()), health("lab1"), health("lab2"),
                        on("lab1", "docker inspect --format '{{.State.Running}}' chainlink"),
                        on("lab2", "docker inspect --format '{{.State.Running}}' chainlink")};
                synchronized (samples) {
                    samples.add(s);
                }
            }
        });
        poller.start();
        Run third = steward("play", playbooks.resolve("chainlink.yml").toString(), "-i", inv.toString());
        polling.set(false);
        poller.join();
        assertThat(third.exitCode()).as(third.out()).isZero();
        assertThat(on(holder, "cat /opt/chainlink/config.toml")).contains("LeaseDuration = \"9s\"");
        String holderRestart = on(holder, "docker inspect --format '{{.State.StartedAt}}' chainlink");
        String standbyRestart = on(standby, "docker inspect --format '{{.State.StartedAt}}' chainlink");
        assertThat(holderRestart).isNotEqualTo(holderStart);
        assertThat(standbyRestart).isNotEqualTo(standbyStart);
        assertThat(standbyRestart).as("the standby restarts first").isLessThan(holderRestart);
        long longestGap = 0;
        long gapStart = -1;
        for (String[] s : samples) {
            assertThat(s[3].equals("true") || s[4].equals("true")).as("a node runs at %s", s[0]).isTrue();
            boolean serving = !s[1].equals("000") || !s[2].equals("000");
            long t = Long.parseLong(s[0]);
            if (!serving && gapStart < 0) {
                gapStart = t;
            } else if (serving && gapStart >= 0) {
                longestGap = Math.max(longestGap, t - gapStart);
                gapStart = -1;
            }
        }
        System.out.println("samples: " + samples.size() + ", longest time no node answered 6688: " + longestGap + " ms");
        assertThat(gapStart).as("a node serves at the end").isNegative();
        // the lease hand-over (the holder releases on SIGTERM, the standby takes it at its next refresh and
        // starts its web server) is the only time no node answers; it is bounded by the lease duration
        assertThat(longestGap).isLessThan(9_000);

        // the inventory asks for another version: refused, nothing changed
        writeInventory("2.11.0", "9s");
        Run drift = steward("play", playbooks.resolve("chainlink.yml").toString(), "-i", inv.toString());
        assertThat(drift.exitCode()).isEqualTo(2);
        assertThat(drift.out()).contains("runs steward-standin/chainlink:2.10.0 but the inventory says "
                + "steward-standin/chainlink:2.11.0").contains("steward upgrade");
        for (String n : List.of("lab1", "lab2")) {
            assertThat(on(n, "docker inspect --format '{{.Config.Image}}' chainlink"))
                    .isEqualTo("steward-standin/chainlink:2.10.0");
        }
    }

    private static String awaitOneServing() throws InterruptedException {
        return pair.awaitOneServing();
    }
}
