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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks/preflight.yml on real hosts (lab1 a node, lab2 the database host, nothing listening on
 * its 5432), each failure provoked on purpose: a resource minimum above what the lab host has, a
 * closed 5432, an unknown Chainlink key in the rendered config. Each gives its message and exit 2,
 * and no host changed (a marker of every host's /etc is the same before and after).
 */
@Tag("lab")
class PreflightLabTest {

    private static LabCluster lab;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        lab = LabCluster.start(2);
        Files.createDirectories(work.resolve("templates/chainlink"));
        Files.copy(Path.of("playbooks/preflight.yml"), work.resolve("preflight.yml"));
        Files.writeString(work.resolve("templates/chainlink/config.toml.ftl"), """
                [Log]
                JSONConsole = ${chainlink_json_logs?c}
                [[EVM]]
                ChainID = '${chainlink_chains[0].chain_id}'
                """);
        Files.writeString(work.resolve("templates/chainlink/bad-config.toml.ftl"), """
                [Log]
                JSONConsol = true
                """);
        Files.writeString(work.resolve("templates/chainlink/secrets.toml.ftl"), """
                [Password]
                Keystore = '${keystore_password}'
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
                  children:
                    chainlink:
                      hosts:
                        lab1:
                          ssh: {host: %s, port: %d}
                          address: %s
                      vars:
                        chainlink_image: smartcontract/chainlink
                        chainlink_version: 2.10.0
                        chainlink_json_logs: true
                        chainlink_chains:
                          - chain_id: 1337
                            nodes:
                              - {name: self1, http: 'http://127.0.0.1:22', ws: 'ws://127.0.0.1:22'}
                              - {name: self2, http: 'http://%s:22', ws: 'ws://%s:22'}
                        db_host: %s
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
                node.address(), db.address(), db.address(), db.address(), extraNodeVars, db.sshHost(), db.sshPort(),
                db.address());
        Path file = Files.createTempFile(work, "inventory", ".yml");
        Files.writeString(file, text);
        return file;
    }

    private record Run(int code, String out) {
    }

    private static synchronized Run play(Path inventory, String... more) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrintStream both = new PrintStream(out, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            String[] args = new String[4 + more.length];
            args[0] = "play";
            args[1] = work.resolve("preflight.yml").toString();
            args[2] = "-i";
            args[3] = inventory.toString();
            System.arraycopy(more, 0, args, 4, more.length);
            return new Run(Main.execute(args), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
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
    void aResourceMinimumAboveTheHostsFailsNamingTheSetting() throws Exception {
        String node = state("lab1");
        String db = state("lab2");
        Run run = play(inventory(""), "-e", "preflight_node_min_cpus=4096");
        assertThat(run.code()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("a Chainlink node needs at least 4096 (preflight_node_min_cpus):"
                + " give the host more CPUs");
        assertNothingChanged(node, db, run);
    }

    @Test
    void aClosedDatabasePortNamesFromToAndPort() throws Exception {
        String node = state("lab1");
        String db = state("lab2");
        String dbAddress = lab.host("lab2").address();
        Run run = play(inventory(""), "-e", "preflight_connect_timeout=2");
        assertThat(run.code()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("network path closed: from lab1 (" + lab.host("lab1").address()
                + ") to the database " + dbAddress + " port 5432").contains("firewall or security group");
        assertNothingChanged(node, db, run);
    }

    @Test
    void anUnknownChainlinkKeyIsNamed() throws Exception {
        String node = state("lab1");
        String db = state("lab2");
        // the database path answers (sshd on 22 stands in for PostgreSQL), so the run reaches the files
        Run run = play(inventory("        db_port: 22\n        preflight_config_template: chainlink/bad-config.toml.ftl"),
                "-e", "preflight_connect_timeout=2");
        assertThat(run.code()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("chainlink/bad-config.toml.ftl rendered, line 2:1: Chainlink does not know the key"
                + " Log.JSONConsol in config.toml (did you mean 'JSONConsole'?)");
        assertNothingChanged(node, db, run);
    }
}
