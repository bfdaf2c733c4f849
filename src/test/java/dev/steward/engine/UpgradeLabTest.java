package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.engine.ChainlinkPairLab.Run;
import dev.steward.cli.Main;
import dev.steward.lab.LabCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward upgrade} and {@code steward restore} on one lab pair (see {@link ChainlinkPairLab}), the
 * tests in order: 2.10.0 → 2.11.0 under a probe; the downgrade refused; a stopped standby refused; a
 * release that never becomes healthy (2.12.0, built by {@code bin/build-standins --faulty 2.12.0}) stopped
 * after the first standby; restore of the backup the upgrade took brings 2.10.0 back; an upgrade stopped
 * by Ctrl-C, run again and killed (SIGKILL) right after the old holder stopped, then run again, finishes the
 * job; a release that migrates the database, then crashes (2.13.0, {@code --fails-after-migration 2.13.0}):
 * the upgrade says so, the restore undoes it. Run with
 * TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_RYUK_DISABLED=true.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeLabTest {

    private static final List<String> NODES = List.of("lab1", "lab2");
    private static final long LEASE_MS = 10_000;
    private static LabCluster lab;
    private static ChainlinkPairLab pair;
    private static Path inventory;
    /** The backup the upgrade to 2.11.0 took (a path on lab3), for the restore. */
    private static String backup;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        for (String v : List.of("2.10.0", "2.11.0", "2.12.0", "2.13.0")) {
            assertThat(ChainlinkPairLab.STANDINS.resolve("steward-standin_chainlink_" + v + ".tar"))
                    .as("run bin/build-standins --faulty 2.12.0 --fails-after-migration 2.13.0 first").exists();
        }
        long t = System.nanoTime();
        lab = LabCluster.start(3);
        pair = new ChainlinkPairLab(lab, work);
        inventory = pair.writeInventory("2.10.0", LEASE_MS / 1000 + "s", 40);
        pair.databaseAndRpc(inventory);
        pair.nodes(inventory);
        pair.awaitOneServing();
        System.out.printf("UpgradeLabTest: the pair on 2.10.0 in %d s%n", (System.nanoTime() - t) / 1_000_000_000L);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static Run upgrade(String... more) {
        List<String> args = new ArrayList<>(List.of("upgrade", "-i", inventory.toString()));
        args.addAll(List.of(more));
        return ChainlinkPairLab.steward(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void upgradeRollsThePairOverWithOneNodeServingThroughout() throws Exception {
        String holder = pair.awaitOneServing();
        String standby = holder.equals("lab1") ? "lab2" : "lab1";
        Run plan = upgrade("--to", "2.11.0", "--check");
        assertThat(plan.exitCode()).as(plan.out()).isZero();
        assertThat(plan.out()).contains(standby + " (standby 2.10.0): recreate on 2.11.0")
                .contains(holder + " (holder 2.10.0): stop it").contains("nothing was changed");
        assertThat(pair.image(holder)).isEqualTo("steward-standin/chainlink:2.10.0");

        // a probe on each node host: every 200 ms, /health on its own 6688 and whether the container runs
        for (String n : NODES) {
            // the container's status: running, or exited, restarting… (down)
            pair.on(n, "setsid nohup sh -c 'while :; do echo \"$(date +%s%3N) $(curl -s -o /dev/null -w %{http_code} "
                    + "--max-time 1 http://127.0.0.1:6688/health) $(docker inspect --format {{.State.Status}} chainlink)\"; "
                    + "sleep 0.2; done' >/tmp/probe.log 2>&1 </dev/null & echo $! >/tmp/probe.pid");
        }
        long start = System.nanoTime();
        Path report = work.resolve("upgrade.html");
        Run run = upgrade("--to", "2.11.0", "--yes", "--output", "json", "--report", report.toString());
        long totalMs = (System.nanoTime() - start) / 1_000_000;
        Map<String, List<String[]>> samples = new HashMap<>();
        for (String n : NODES) {
            pair.on(n, "kill $(cat /tmp/probe.pid)");
            samples.put(n, pair.on(n, "cat /tmp/probe.log").lines().map(l -> l.split(" ")).filter(a -> a.length == 3)
                    .toList());
        }
        assertThat(run.exitCode()).as(run.out()).isZero();
        for (String n : NODES) {
            assertThat(pair.image(n)).isEqualTo("steward-standin/chainlink:2.11.0");
        }
        pair.awaitOneServing();
        assertThat(pair.databaseVersion()).isEqualTo("2.11.0");

        // the picture: one lane per node, with the phases a user reads off it
        String html = Files.readString(report);
        assertThat(html).contains("steward upgrade: 2.10.0 → 2.11.0")
                .contains("Finished: every node runs the new version.");
        assertThat(lane(html, holder)).as("the holder's lane").contains("data-phase=\"serving\"")
                .contains("data-phase=\"stopping\"").contains("data-phase=\"starting\"")
                .contains("data-phase=\"waiting\"");
        assertThat(lane(html, standby)).as("the standby's lane").contains("data-phase=\"starting\"")
                .contains("data-phase=\"waiting\"").contains("data-phase=\"serving\"")
                .doesNotContain("data-phase=\"stopping\"");

        // never both down; the longest time no node answered /health 200
        Timeline t = Timeline.of(samples);
        System.out.printf("UpgradeLabTest: %d probe samples; both containers stopped at once: %d samples; longest time "
                + "no node answered /health 200: %d ms (lease %d ms)%n", t.samples, t.bothDown, t.longestGapMs, LEASE_MS);
        assertThat(t.samples).isGreaterThan(50);
        assertThat(t.bothDown).as("samples with both containers stopped").isZero();
        assertThat(t.servingAtEnd).isTrue();
        // the hand-over: the standby takes the released lease at its next refresh, backs up, migrates (5 s in
        // the stand-in) and starts its web server; bounded by the lease duration plus that start time
        assertThat(t.longestGapMs).isLessThan(LEASE_MS + 10_000);

        // the backup, kept with the version it belongs to
        List<JsonNode> events = events(run.out());
        String backupMessage = events.stream().filter(e -> e.path("task").asText().equals("Holder — the backup")
                && e.path("status").asText().equals("ok")).map(e -> e.path("message").asText()).findFirst().orElseThrow();
        backup = backupMessage.replaceAll(".*lab3:(\\S+\\.dump).*", "$1");
        assertThat(pair.on("lab3", "cat " + backup + ".version")).isEqualTo("2.10.0");
        assertThat(pair.on("lab3", "pg_restore -l " + backup + " | grep -c node_versions")).isNotEqualTo("0");

        // the upgrade's own overhead: the run minus the time nodes spent stopping, starting and waiting
        long nodeTime = events.stream().filter(e -> e.path("event").asText().equals("host_result"))
                .filter(e -> isNodeWait(e.path("task").asText()))
                .mapToLong(e -> e.path("duration_ms").asLong()).sum();
        long imageMs = events.stream().filter(e -> e.path("task").asText().startsWith("The new image is on the node"))
                .mapToLong(e -> e.path("duration_ms").asLong()).max().orElse(0);
        System.out.printf("UpgradeLabTest: upgrade 2.10.0 -> 2.11.0 took %d ms: nodes stopping, starting and waiting "
                + "for the lease %d ms, image upload and load (per node, in parallel) %d ms, Steward's own overhead %d ms"
                + " (%d ms without the image transfer)%n", totalMs, nodeTime, imageMs, totalMs - nodeTime,
                totalMs - nodeTime - imageMs);
    }

    /** The SVG group of a node's lane in the --report page. */
    private static String lane(String html, String node) {
        Matcher m = Pattern.compile("<g class=\"lane\" data-node=\"" + node + "\">(.*?)</g>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as("a lane for %s in the report", node).isTrue();
        return m.group(1);
    }

    private static boolean isNodeWait(String task) {
        return task.contains("recreate the container") || task.contains("check it stays up")
                || task.contains("stop it") || task.contains("wait until an upgraded node") || task.equals("health check");
    }

    @Test
    @Order(2)
    void aDowngradeIsRefusedBeforeAnythingChanges() throws Exception {
        Map<String, String> before = startTimes();
        Run run = upgrade("--to", "2.10.0", "--yes");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("2.10.0 is older than 2.11.0, the version the database on lab3 records")
                .contains("database migrations").contains("steward restore");
        assertThat(startTimes()).isEqualTo(before);
        for (String n : NODES) {
            assertThat(pair.image(n)).isEqualTo("steward-standin/chainlink:2.11.0");
        }
        assertThat(pair.databaseVersion()).isEqualTo("2.11.0");
    }

    @Test
    @Order(3)
    void aStoppedStandbyMakesItRefuseToStart() throws Exception {
        String holder = pair.awaitOneServing();
        String standby = holder.equals("lab1") ? "lab2" : "lab1";
        pair.on(standby, "docker stop chainlink");
        try {
            String holderStart = pair.startedAt(holder);
            Run run = upgrade("--to", "2.12.0", "--yes");
            assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
            assertThat(run.out()).contains("the pair is not whole").contains(standby + " stopped 2.11.0")
                    .contains("--accept-outage");
            assertThat(pair.startedAt(holder)).isEqualTo(holderStart);
            assertThat(pair.on(standby, "docker inspect --format '{{.State.Running}}' chainlink")).isEqualTo("false");
            for (String n : NODES) {
                assertThat(pair.on(n, "docker image inspect steward-standin/chainlink:2.12.0 >/dev/null 2>&1 && echo "
                        + "loaded || echo absent")).as("nothing loaded on %s", n).isEqualTo("absent");
            }
        } finally {
            pair.on(standby, "docker start chainlink");
        }
        pair.awaitOneServing();
    }

    @Test
    @Order(4)
    void aReleaseThatNeverBecomesHealthyStopsAfterTheFirstStandby() throws Exception {
        String holder = pair.awaitOneServing();
        String standby = holder.equals("lab1") ? "lab2" : "lab1";
        Thread.sleep(3000); // the restarted standby settles (waiting for the lease)
        String holderStart = pair.startedAt(holder);
        Run run = upgrade("--to", "2.12.0", "--yes");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("upgrade stopped: node " + standby + ", step 'recreate the standby on 2.12.0'")
                .contains("check 'the container stays up and waits for the lease' failed")
                .contains("The lease holder still serves 2.11.0").contains("Next:")
                .contains("steward upgrade -i INVENTORY --to 2.11.0");
        assertThat(pair.image(standby)).isEqualTo("steward-standin/chainlink:2.12.0");
        assertThat(pair.image(holder)).isEqualTo("steward-standin/chainlink:2.11.0");
        assertThat(pair.startedAt(holder)).as("the holder was not touched").isEqualTo(holderStart);
        assertThat(pair.health(holder)).isEqualTo("200");
        assertThat(pair.databaseVersion()).isEqualTo("2.11.0");

        // the way back for the standby, as the message says: the same command continues from where things are
        Run back = upgrade("--to", "2.11.0", "--yes");
        assertThat(back.exitCode()).as(back.out()).isZero();
        assertThat(pair.image(standby)).isEqualTo("steward-standin/chainlink:2.11.0");
        assertThat(pair.startedAt(holder)).as("the holder, already on 2.11.0, was left as it is").isEqualTo(holderStart);
        assertThat(pair.awaitOneServing()).isEqualTo(holder);
    }

    @Test
    @Order(5)
    void restoreBringsTheOldVersionBackServing() throws Exception {
        assertThat(backup).as("the upgrade's backup (test 1)").isNotNull();
        Run refused = ChainlinkPairLab.steward("restore", "-i", inventory.toString(), "--backup", backup);
        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(5);
        assertThat(refused.out()).contains("overwrites the database").contains("--yes");

        Run run = ChainlinkPairLab.steward("restore", "-i", inventory.toString(), "--backup", backup, "--yes");
        assertThat(run.exitCode()).as(run.out()).isZero();
        for (String n : NODES) {
            assertThat(pair.image(n)).isEqualTo("steward-standin/chainlink:2.10.0");
        }
        pair.awaitOneServing();
        assertThat(pair.databaseVersion()).isEqualTo("2.10.0");
    }

    @Test
    @Order(6)
    void anUpgradeStoppedMidWayByCtrlCOrKilledFinishesWhenRunAgainAndASecondUpgradeMeanwhileRefuses()
            throws Exception {
        String holder = pair.awaitOneServing();
        String standby = holder.equals("lab1") ? "lab2" : "lab1";
        assertThat(pair.image(holder)).as("restored by test 5").isEqualTo("steward-standin/chainlink:2.10.0");
        Thread.sleep(3000); // the restored standby settles (waiting for the lease)

        // Ctrl-C once the standby is recreated: the step in flight finishes, the locks are released, exit 99
        Process ctrlC = upgradeProcess("--to", "2.11.0", "--yes");
        StringBuilder printed = new StringBuilder();
        assertThat(readUntil(ctrlC, printed, line -> line.contains(" " + standby + " ")
                && line.contains("Standby — recreate the container") && line.contains("changed")))
                .as("the run recreated the standby:%n%s", printed).isTrue();
        // two upgrades at once: the second refuses, naming the first, and changes nothing
        Run second = upgrade("--to", "2.11.0", "--yes");
        assertThat(second.exitCode()).as(second.out()).isEqualTo(1);
        assertThat(second.out()).contains(holder + " is locked by ").contains("running 'upgrade --to 2.11.0")
                .contains("(pid " + ctrlC.pid() + ", this machine) is still running")
                .contains("Nothing was changed on any host");
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(ctrlC.pid())).start().waitFor()).isZero();
        readUntil(ctrlC, printed, line -> false);
        assertThat(ctrlC.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(ctrlC.exitValue()).as(printed.toString()).isEqualTo(99);
        assertThat(printed.toString()).contains("interrupted: the step in flight finished, nothing after it started, "
                + "and the deploy locks were released. To resume, run the same command again")
                .contains("upgrade interrupted after").doesNotContain("--start-at-task");
        for (String n : NODES) {
            assertThat(pair.on(n, "test -e /var/lib/steward/deploy.lock && echo locked || echo free")).isEqualTo("free");
        }
        assertThat(pair.image(standby)).isEqualTo("steward-standin/chainlink:2.11.0");
        assertThat(pair.image(holder)).isEqualTo("steward-standin/chainlink:2.10.0");
        assertThat(pair.health(holder)).as("the holder still serves").isEqualTo("200");
        String upgradedStart = pair.startedAt(standby);

        // run again, and SIGKILL it at the worst moment: the old holder just stopped, the upgraded standby
        // taking the lease over, the run's deploy locks still on the hosts
        Process killed = upgradeProcess("--to", "2.11.0", "--yes", "--output", "json");
        printed.setLength(0);
        ObjectMapper json = new ObjectMapper();
        boolean holderStopped = readUntil(killed, printed, line -> {
            if (!line.startsWith("{")) {
                return false;
            }
            JsonNode e = json.readTree(line);
            return e.path("event").asText().equals("host_result") && e.path("host").asText().equals(holder)
                    && e.path("task").asText().startsWith("Holder — stop it")
                    && e.path("status").asText().equals("changed");
        });
        killed.destroyForcibly(); // SIGKILL: no chance to release the locks or say anything
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(holderStopped).as("the run stopped the old holder:%n%s", printed).isTrue();
        assertThat(pair.on(holder, "docker inspect --format '{{.State.Running}}' chainlink")).isEqualTo("false");
        assertThat(pair.image(holder)).isEqualTo("steward-standin/chainlink:2.10.0");
        assertThat(pair.startedAt(standby)).as("the standby, already on 2.11.0, was left alone").isEqualTo(upgradedStart);
        assertThat(pair.on(holder, "cat /var/lib/steward/deploy.lock")).as("the killed run's lock is left behind")
                .contains("pid=" + killed.pid());

        // the same command again: it takes the dead run's locks over and finishes the job
        Run again = upgrade("--to", "2.11.0", "--yes");
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).containsPattern("the deploy lock on " + holder + " was left by run \\w+ \\('upgrade "
                + "--to 2\\.11\\.0', pid " + killed.pid() + ", this machine\\), which is no longer running: taken over")
                .contains("continuing an interrupted upgrade: " + holder + " is stopped on 2.10.0, " + standby + " ");
        for (String n : NODES) {
            assertThat(pair.image(n)).isEqualTo("steward-standin/chainlink:2.11.0");
            assertThat(pair.on(n, "test -e /var/lib/steward/deploy.lock && echo locked || echo free")).isEqualTo("free");
        }
        assertThat(pair.awaitOneServing()).as("the upgraded node serves").isEqualTo(standby);
        assertThat(pair.startedAt(standby)).as("the upgraded node was not restarted").isEqualTo(upgradedStart);
        assertThat(pair.databaseVersion()).isEqualTo("2.11.0");
    }

    /** {@code steward upgrade -i INVENTORY ARGS} as its own process (stdout and stderr together), ended after 5 min. */
    private static Process upgradeProcess(String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "upgrade", "-i", inventory.toString()));
        command.addAll(List.of(more));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        return p;
    }

    /** What a run prints, read live into {@code printed} until a line {@code stop} accepts (true) or the end (false). */
    private static boolean readUntil(Process p, StringBuilder printed, LinePredicate stop) throws Exception {
        BufferedReader out = READERS.computeIfAbsent(p, x -> new BufferedReader(
                new InputStreamReader(x.getInputStream(), StandardCharsets.UTF_8)));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            System.out.println("[upgrade pid " + p.pid() + "] " + line);
            printed.append(line).append('\n');
            if (stop.test(line)) {
                return true;
            }
        }
        return false;
    }

    /**
     * 2.13.0 (built by {@code bin/build-standins --fails-after-migration 2.13.0}) settles as a standby, takes
     * the lease once the holder stops, migrates the database, then crashes on every start: the upgrade stops
     * at the hand-over saying the database was migrated, and the restore of the backup it took brings the
     * version the pair served before back. From whatever version the pair serves when it runs.
     */
    @Test
    @Order(7)
    void aReleaseThatMigratesThenFailsIsUndoneByRestore() throws Exception {
        String holder = pair.awaitOneServing();
        String standby = holder.equals("lab1") ? "lab2" : "lab1";
        String v = pair.image(holder).replaceFirst(".*:", "");
        assertThat(pair.image(standby)).isEqualTo("steward-standin/chainlink:" + v);
        assertThat(pair.databaseVersion()).isEqualTo(v);
        Thread.sleep(3000); // a standby restarted by an earlier test settles (waiting for the lease)
        // the hand-over may fail sooner than the default 120 s here: 2.13.0 crashes within seconds
        Path timeout = Files.writeString(work.resolve("group_vars/chainlink.yml"), "upgrade_takeover_timeout: 40\n");
        Run run;
        try {
            run = upgrade("--to", "2.13.0", "--yes");
        } finally {
            Files.delete(timeout);
        }
        assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("upgrade stopped: node " + holder + ", step 'hand the lease over'")
                .contains("check 'an upgraded node answers /health 200")
                .contains("The database WAS migrated to 2.13.0")
                .contains(v + " refuses to run on a 2.13.0 database").contains("the pair is down");
        String backupPath = run.out().replaceAll("(?s).*The way back is the backup taken before the hand-over: "
                + "`steward restore -i INVENTORY --backup (\\S+\\.dump)`.*", "$1");
        assertThat(backupPath).as(run.out()).startsWith("/var/backups/chainlink-upgrade/").endsWith("-" + v + ".dump");
        assertThat(pair.on("lab3", "cat " + backupPath + ".version")).isEqualTo(v);
        assertThat(pair.image(standby)).isEqualTo("steward-standin/chainlink:2.13.0");
        assertThat(pair.image(holder)).as("the old holder, started again as it was").isEqualTo("steward-standin/chainlink:" + v);
        assertThat(pair.databaseVersion()).isEqualTo("2.13.0");
        // what the operator sees on the nodes: 2.13.0 crashed after migrating, the old version refuses the database
        assertThat(pair.on(standby, "docker logs chainlink 2>&1 | grep -c 'stand-in fault: 2.13.0 migrated the database'"))
                .isNotEqualTo("0");
        assertThat(awaitLog(holder, "is lower than database version (2.13.0)")).as("%s's old %s refuses the database", holder, v)
                .isTrue();
        for (String n : NODES) {
            assertThat(pair.health(n)).as("%s serves nothing", n).isNotEqualTo("200");
        }

        Run restore = ChainlinkPairLab.steward("restore", "-i", inventory.toString(), "--backup", backupPath, "--yes");
        assertThat(restore.exitCode()).as(restore.out()).isZero();
        for (String n : NODES) {
            assertThat(pair.image(n)).isEqualTo("steward-standin/chainlink:" + v);
        }
        pair.awaitOneServing();
        assertThat(pair.databaseVersion()).isEqualTo(v);
    }

    /**
     * Whether the node's container logs TEXT within 120 s. The old holder sees the database's version only
     * once it gets the lease, and 2.13.0 crash-loops holding it (it dies without releasing it): the old
     * node gets in when the lease expires while Docker's restart back-off (doubling up to a minute) keeps
     * 2.13.0 down, which takes tens of seconds.
     */
    private static boolean awaitLog(String host, String text) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            if (!pair.on(host, "docker logs chainlink 2>&1 | grep -cF '" + text + "' || true").equals("0")) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    private static final Map<Process, BufferedReader> READERS = new HashMap<>();

    @FunctionalInterface
    private interface LinePredicate {
        boolean test(String line) throws Exception;
    }

    private Map<String, String> startTimes() {
        Map<String, String> m = new HashMap<>();
        NODES.forEach(n -> m.put(n, pair.startedAt(n)));
        return m;
    }

    private static List<JsonNode> events(String out) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.lines().toList()) {
            if (line.startsWith("{")) {
                events.add(json.readTree(line));
            }
        }
        return events;
    }

    /** Both hosts' probe samples merged in time: how often both containers were stopped, the longest time no node served. */
    private record Timeline(int samples, int bothDown, long longestGapMs, boolean servingAtEnd) {
        static Timeline of(Map<String, List<String[]>> byHost) {
            List<String[]> all = new ArrayList<>();
            byHost.forEach((host, list) -> list.forEach(s -> all.add(new String[] {host, s[0], s[1], s[2]})));
            all.sort(Comparator.comparingLong(s -> Long.parseLong(s[1])));
            Map<String, String[]> latest = new HashMap<>();
            int bothDown = 0;
            long gapStart = -1;
            long longest = 0;
            boolean serving = false;
            for (String[] s : all) {
                latest.put(s[0], s);
                if (latest.size() < byHost.size()) {
                    continue;
                }
                long t = Long.parseLong(s[1]);
                if (latest.values().stream().noneMatch(x -> x[3].equals("running"))) {
                    bothDown++;
                }
                serving = latest.values().stream().anyMatch(x -> x[2].equals("200"));
                if (!serving && gapStart < 0) {
                    gapStart = t;
                } else if (serving && gapStart >= 0) {
                    longest = Math.max(longest, t - gapStart);
                    gapStart = -1;
                }
            }
            return new Timeline(all.size(), bothDown, longest, serving);
        }
    }
}
