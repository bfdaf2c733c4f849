package dev.steward.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.cli.Main;
import dev.steward.lab.LabCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

/**
 * playbooks/preflight.yml on real hosts (lab1 a node, lab2 the database host), with the shipped
 * templates. First as on a fresh install (no PostgreSQL, no Docker): it passes, deferring what cannot
 * be tested yet. Then each failure provoked on purpose: a resource minimum above what the lab host has,
 * PostgreSQL installed but 5432 closed to the node (Debian's default: localhost only), an unknown
 * Chainlink key in the rendered config, and a value only the node's own {@code validate} refuses (with
 * the node stand-in's image loaded on lab1). Each gives its message and exit 2, and no host changed (a
 * marker of every host's /etc and /opt is the same before and after). The tests run in order: the
 * fresh install first, then PostgreSQL and Docker are installed as the later ones need.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreflightLabTest {

    private static final Path STANDINS = Path.of("target/standins").toAbsolutePath();
    private static final Path PREFLIGHT = Path.of("playbooks/preflight.yml").toAbsolutePath();
    private static LabCluster lab;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        assertThat(STANDINS.resolve("steward-standin_chainlink_2.10.0.tar")).as("run bin/build-standins first").exists();
        lab = LabCluster.start(2);
        Files.writeString(work.resolve("bad-config.toml.ftl"), """
                [Log]
                JSONConsol = true
                """);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static Path inventory(String extraNodeVars) throws Exception {
        LabCluster.Host node = lab.host("lab1");
        LabCluster.Host db = lab.host("lab2");
        String text = """
                all:
                  ssh: {user: %s, private_key: %s, known_hosts: %s}
                  vars:
                    stage: lab
                    docker_source: distro
                  children:
                    chainlink:
                      hosts:
                        lab1:
                          ssh: {host: %s, port: %d}
                          address: %s
                      vars:
                        chainlink_image: steward-standin/chainlink
                        chainlink_version: 2.10.0
                        chainlink_image_tar: %s
                        chainlink_chains:
                          - chain_id: 1337
                            nodes:
                              - {name: self1, http: 'http://127.0.0.1:22', ws: 'ws://127.0.0.1:22'}
                              - {name: self2, http: 'http://%s:22', ws: 'ws://%s:22'}
                        db_host: %s
                        db_name: chainlink
                        db_user: chainlink
                        db_sslmode: disable
                        db_password: lab-database-password-0123
                        keystore_password: lab-keystore-password-0123
                        api_email: ops@example.com
                        api_password: lab-operator-password-0123
                        preflight_node_min_cpus: 1
                        preflight_node_min_memory_mb: 1
                %s
                    postgres:
                      hosts:
                        lab2:
                          ssh: {host: %s, port: %d}
                          address: %s
                      vars:
                        preflight_postgres_min_cpus: 1
                        preflight_postgres_min_memory_mb: 1
                        preflight_postgres_min_disk_mb: 1
                """.formatted(node.user(), node.privateKey(), lab.knownHosts(), node.sshHost(), node.sshPort(),
                node.address(), STANDINS.resolve("steward-standin_chainlink_2.10.0.tar"), db.address(), db.address(),
                db.address(), extraNodeVars, db.sshHost(), db.sshPort(), db.address());
        Path file = Files.createTempFile(work, "inventory", ".yml");
        Files.writeString(file, text);
        return file;
    }

    private record Run(int code, String out) {
    }

    private static synchronized Run play(Path playbook, Path inventory, String... more) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrintStream both = new PrintStream(out, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            String[] args = new String[4 + more.length];
            args[0] = "play";
            args[1] = playbook.toString();
            args[2] = "-i";
            args[3] = inventory.toString();
            System.arraycopy(more, 0, args, 4, more.length);
            return new Run(Main.execute(args), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Run preflight(Path inventory, String... more) {
        return play(PREFLIGHT, inventory, more);
    }

    /** What could change on a host: a listing of /etc and /opt with sizes and times. */
    private static String state(String host) {
        return lab.host(host).exec("sh", "-c", "ls -laR --time-style=full-iso /etc /opt 2>/dev/null | md5sum").getStdout();
    }

    private static void assertNothingChanged(String node, String db, Run run) {
        assertThat(state("lab1")).as(run.out()).isEqualTo(node);
        assertThat(state("lab2")).as(run.out()).isEqualTo(db);
    }

    @Test
    @Order(1)
    void aFreshInstallPassesAndSaysWhatItDefers() throws Exception {
        String node = state("lab1");
        String db = state("lab2");
        Run run = preflight(inventory(""), "-e", "preflight_connect_timeout=2", "-v");
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).contains("PostgreSQL is not set up by postgres.yml on " + lab.host("lab2").address()
                        + " yet, so nothing can answer on port 5432: chainlink.yml tests the path from lab1 after postgres.yml")
                .contains("the stage stamp is not checked on lab2")
                .contains("the node's validate not run: the image steward-standin/chainlink:2.10.0 is not on the host yet");
        assertNothingChanged(node, db, run);
    }

    @Test
    @Order(2)
    void aResourceMinimumAboveTheHostsFailsNamingTheSetting() throws Exception {
        String node = state("lab1");
        String db = state("lab2");
        Run run = preflight(inventory(""), "-e", "preflight_node_min_cpus=4096");
        assertThat(run.code()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("a Chainlink node needs at least 4096 (preflight_node_min_cpus):"
                + " give the host more CPUs");
        // any_errors_fatal: the later preflight plays did not run either
        assertThat(run.out()).doesNotContain("TASK [Read the stage stamped on the database");
        assertNothingChanged(node, db, run);
    }

    @Test
    @Order(3)
    void anInstalledDatabaseWithAClosedPortNamesFromToAndPort() throws Exception {
        // set up (postgres.yml's conf.d file is there), but listening on localhost only: closed to the node
        var installed = lab.host("lab2").exec("sh", "-c", "apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive"
                + " apt-get install -y -q --no-install-recommends postgresql >/dev/null 2>&1"
                + " && echo \"listen_addresses = 'localhost'\" > \"$(ls -d /etc/postgresql/*/main)/conf.d/50-steward.conf\""
                + " && pg_lsclusters");
        assertThat(installed.getExitCode()).as(installed.getStderr()).isZero();
        String node = state("lab1");
        String db = state("lab2");
        String dbAddress = lab.host("lab2").address();
        Run run = preflight(inventory(""), "-e", "preflight_connect_timeout=2");
        assertThat(run.code()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("network path closed: from lab1 (" + lab.host("lab1").address()
                + ") to the database " + dbAddress + " port 5432").contains("firewall or security group");
        assertNothingChanged(node, db, run);
    }

    @Test
    @Order(4)
    void anUnknownChainlinkKeyIsNamed() throws Exception {
        String node = state("lab1");
        String db = state("lab2");
        // the database path answers (sshd on 22 stands in for PostgreSQL), so the run reaches the files
        Path bad = work.resolve("bad-config.toml.ftl");
        Run run = preflight(inventory("        db_port: 22\n        preflight_config_template: " + bad),
                "-e", "preflight_connect_timeout=2");
        assertThat(run.code()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains(bad + " rendered, line 2:1: Chainlink does not know the key"
                + " Log.JSONConsol in config.toml (did you mean 'JSONConsole'?)");
        assertNothingChanged(node, db, run);
    }

    @Test
    @Order(5)
    void aValueOnlyTheNodesValidateRefusesStopsThePreflight() throws Exception {
        // an existing node: Docker and the node image (the stand-in, which validates as Chainlink does) on lab1
        Path setup = work.resolve("node-image.yml");
        Files.writeString(setup, """
                - import_playbook: %s
                - hosts: chainlink
                  become: true
                  gather_facts: false
                  tasks:
                    - docker_image: {name: "${chainlink_image}:${chainlink_version}", load: "${chainlink_image_tar}"}
                """.formatted(Path.of("playbooks/docker.yml").toAbsolutePath()));
        Run prepared = play(setup, inventory(""));
        assertThat(prepared.code()).as(prepared.out()).isZero();

        String node = state("lab1");
        String db = state("lab2");
        // valid settings: the node's validate runs and accepts the shipped templates
        Run valid = preflight(inventory("        db_port: 22"), "-e", "preflight_connect_timeout=2", "-v");
        assertThat(valid.code()).as(valid.out()).isZero();
        assertThat(valid.out()).contains("steward-standin/chainlink:2.10.0 validates them (chainlink node validate)");

        // every key is known, but the refresh interval must be at most half the lease: only validate sees it
        Run run = preflight(inventory("        db_port: 22\n        chainlink_lease_refresh_interval: 8s"),
                "-e", "preflight_connect_timeout=2");
        assertThat(run.code()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("the node refuses its files: `chainlink node validate` in"
                + " steward-standin/chainlink:2.10.0 says: Invalid configuration: Database.Lock.LeaseRefreshInterval:"
                + " invalid value (8s): must be less than or equal to half of LeaseDuration (10s)");
        assertThat(run.out()).doesNotContain("lab-keystore-password-0123").doesNotContain("lab-database-password-0123");
        // the validation left nothing behind
        assertThat(lab.host("lab1").exec("sh", "-c", "ls /tmp | grep -c steward-validate || true").getStdout().strip())
                .isEqualTo("0");
        assertNothingChanged(node, db, run);
    }
}
