package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.cli.Main;
import dev.steward.lab.LabCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    private static final Path STANDINS = Path.of("target/standins").toAbsolutePath();
    private static LabCluster lab;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        // bin/test builds them first; a missing tar is an error, not a reason to skip the proof
        org.assertj.core.api.Assertions.assertThat(STANDINS.resolve("steward-standin_chainlink_2.10.0.tar"))
                .as("run bin/build-standins first").exists();
        lab = LabCluster.start(3);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private record Run(int exitCode, String out) {
        String recap(String host) {
            return out.lines().filter(l -> l.startsWith(host + " ")).reduce((a, b) -> b)
                    .map(l -> l.replaceAll("\\s+", " ")).orElse("");
        }
    }

    private static synchronized Run steward(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            oldOut.print(out.toString(StandardCharsets.UTF_8));
        }
    }

    private static String on(String host, String command) {
        return lab.host(host).exec("sh", "-c", command).getStdout().trim();
    }

    /** The /health status code on the host's own 127.0.0.1:6688; 000 when the connection is refused. */
    private static String health(String host) {
        return on(host, "curl -s -o /dev/null -w '%{http_code}' --max-time 1 http://127.0.0.1:6688/health || true");
    }

    private static String inventory(String version, String leaseDuration) {
        LabCluster.Host n1 = lab.host("lab1");
        LabCluster.Host n2 = lab.host("lab2");
        LabCluster.Host db = lab.host("lab3");
        String hostLine = "        %s: {address: %s, ssh: {host: %s, port: %d}}\n";
        return "all:\n"
                + "  vars: {stage: staging, docker_source: distro, db_name: chainlink, db_user: chainlink, db_port: 5432}\n"
                + "  ssh: {user: " + n1.user() + ", private_key: \"" + n1.privateKey() + "\", known_hosts: \""
                + lab.knownHosts() + "\", host_key_checking: accept-new}\n"
                + "  children:\n"
                + "    chainlink:\n"
                + "      hosts:\n"
                + hostLine.formatted("lab1", n1.address(), n1.sshHost(), n1.sshPort())
                + hostLine.formatted("lab2", n2.address(), n2.sshHost(), n2.sshPort())
                + "      vars:\n"
                + "        chainlink_image: steward-standin/chainlink\n"
                + "        chainlink_version: \"" + version + "\"\n"
                + "        chainlink_image_tar: \"" + STANDINS.resolve("steward-standin_chainlink_" + version + ".tar") + "\"\n"
                + "        chainlink_lease_duration: " + leaseDuration + "\n"
                + "        chainlink_settle_polls: 3\n"
                + "        chainlink_settle_timeout: 120\n"
                + "        db_host: " + db.address() + "\n"
                + "        db_sslmode: require\n"
                + "        chainlink_chains:\n"
                + "          - chain_id: 1337\n"
                + "            nodes:\n"
                + "              - {name: rpc-a, http: \"http://" + db.address() + ":8545\", ws: \"ws://" + db.address() + ":8546\"}\n"
                + "              - {name: rpc-b, http: \"http://" + db.address() + ":8545\", ws: \"ws://" + db.address() + ":8546\"}\n"
                + "    postgres:\n"
                + "      hosts:\n"
                + hostLine.formatted("lab3", db.address(), db.sshHost(), db.sshPort());
    }

    private static Path writeInventory(String version, String leaseDuration) throws Exception {
        Path inv = work.resolve("inventory.yml");
        Files.writeString(inv, inventory(version, leaseDuration));
        Path secrets = Files.createDirectories(work.resolve("group_vars/all")).resolve("secrets.yml");
        Files.writeString(secrets, """
                db_password: "db-p@ss:w/rd?#[]%+ é-0123456789"
                keystore_password: "keystore-password-0123456789"
                api_email: ops@example.com
                api_password: "api-password-0123456789"
                """);
        return inv;
    }

    /** PostgreSQL (Debian's, ssl on with the snakeoil certificate) and the RPC stand-in on lab3. */
    private static void databaseAndRpc(Path inv) throws Exception {
        Files.copy(Path.of("lab-images/rpc-standin/rpc.py"), Files.createDirectories(work.resolve("files")).resolve("rpc.py"));
        Path setup = work.resolve("db.yml");
        Files.writeString(setup, """
                - hosts: postgres
                  become: true
                  gather_facts: false
                  tasks:
                    - apt: {name: [postgresql, ssl-cert], update_cache: true}
                    - name: Listen on the address, scram for every host, ssl on
                      shell: |
                        conf=$(ls -d /etc/postgresql/*/main)
                        echo "listen_addresses = '*'" > $conf/conf.d/steward-test.conf
                        echo "ssl = on" >> $conf/conf.d/steward-test.conf
                        grep -q steward-test $conf/pg_hba.conf || echo "host all all 0.0.0.0/0 scram-sha-256 # steward-test" >> $conf/pg_hba.conf
                        systemctl restart postgresql
                    - name: Role and database
                      command:
                        argv: [runuser, -u, postgres, --, psql, -v, ON_ERROR_STOP=1]
                        stdin: |
                          \\set pw '${db_password}'
                          SELECT 'CREATE ROLE chainlink LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'chainlink') \\gexec
                          ALTER ROLE chainlink PASSWORD :'pw';
                          SELECT 'CREATE DATABASE chainlink OWNER chainlink' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'chainlink') \\gexec
                    - copy: {src: rpc.py, dest: /opt/rpc.py, mode: 0755}
                    - name: RPC stand-in
                      shell: systemctl is-active rpc || systemd-run --unit=rpc python3 /opt/rpc.py --chain-id=1337
                """);
        Run r = steward("play", setup.toString(), "-i", inv.toString());
        assertThat(r.exitCode()).as(r.out()).isZero();
    }

    @Test
    void twoNodesOneServingRollingRestartAndVersionDriftRefused() throws Exception {
        Path inv = writeInventory("2.10.0", "10s");
        databaseAndRpc(inv);
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
        for (int i = 0; i < 60; i++) {
            String a = health("lab1");
            String b = health("lab2");
            if (a.equals("200") && b.equals("000")) {
                return "lab1";
            }
            if (b.equals("200") && a.equals("000")) {
                return "lab2";
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not exactly one node serving: lab1 " + health("lab1") + ", lab2 " + health("lab2"));
    }
}
