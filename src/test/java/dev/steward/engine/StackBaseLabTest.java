package dev.steward.engine;

import dev.steward.testing.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lab.LabCluster;
import dev.steward.lab.LabKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container;

/**
 * The shipped base.yml and postgres.yml on three fresh lab hosts, as `stage: staging` (the
 * production path: TLS, no plain connections). lab1 is the postgres host, lab2 the chainlink
 * node, lab3 a host outside both groups.
 *
 * <p>First contact is what a provider hands over: root with a password. After base.yml, root and
 * passwords are refused and the operator's key works, so every later run uses the operator's
 * inventory.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackBaseLabTest {

    private static final String ROOT_PASSWORD = "Root-Pass-Lab-2024";
    /** A quote and a backslash: the psql script must quote it right, and no form of it may leak. */
    private static final String DB_PASSWORD = "Db-Pass'wo\\rd-7319-canary";
    private static final Path BASE = Path.of("playbooks/base.yml").toAbsolutePath();
    private static final Path POSTGRES = Path.of("playbooks/postgres.yml").toAbsolutePath();

    private static LabCluster lab;

    @TempDir
    static Path work;

    private static Path firstContact;
    private static Path operator;

    @BeforeAll
    static void start() throws IOException {
        lab = LabCluster.start(3);
        // what a provider hands over: root may log in with a password
        for (LabCluster.Host host : lab.hosts()) {
            exec(host.name(), "echo 'root:" + ROOT_PASSWORD + "' | chpasswd"
                    + " && printf 'PermitRootLogin yes\\n' > /etc/ssh/sshd_config.d/10-provider.conf"
                    + " && systemctl reload ssh");
        }
        LabKeyPair ops = LabKeyPair.ensureIn(Files.createDirectories(work.resolve("ops-key")));
        Files.copy(lab.knownHosts(), work.resolve("known_hosts"));
        firstContact = inventory("first-contact.yml", "user: root, password: " + ROOT_PASSWORD, ops);
        operator = inventory("operator.yml", "user: ops, private_key: ops-key/id_ed25519", ops);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static Path inventory(String name, String ssh, LabKeyPair ops) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, """
                all:
                  vars:
                    stage: staging
                    operator_user: ops
                    operator_keys: ["%s"]
                    operator_key_file: ops-key/id_ed25519
                    db_password: "%s"
                    # the node settings the stack's preflight asks of any inventory with a chainlink group
                    keystore_password: "keystore-Passw0rd-for-tests"
                    api_email: ops@example.com
                    api_password: "api-Passw0rd-for-tests"
                  ssh: {%s, known_hosts: known_hosts, host_key_checking: accept-new}
                  children:
                    postgres:
                      hosts:
                        lab1: {ssh: {host: %s, port: %d}, address: %s}
                    chainlink:
                      vars:
                        chainlink_image: steward-standin/chainlink
                        chainlink_version: 2.10.0
                        chainlink_chains:
                          - {chain_id: 11155111, nodes: [{name: eth1, http: "http://%s:8545", ws: "ws://%s:8546"}]}
                        db_host: %s
                      hosts:
                        lab2: {ssh: {host: %s, port: %d}, address: %s}
                  hosts:
                    lab3: {ssh: {host: %s, port: %d}, address: %s}
                """.formatted(ops.publicKeyText().strip(), DB_PASSWORD.replace("\\", "\\\\"), ssh,
                sshHost("lab1"), lab.host("lab1").sshPort(), lab.host("lab1").address(),
                lab.host("lab3").address(), lab.host("lab3").address(), lab.host("lab1").address(),
                sshHost("lab2"), lab.host("lab2").sshPort(), lab.host("lab2").address(),
                sshHost("lab3"), lab.host("lab3").sshPort(), lab.host("lab3").address()));
        return file;
    }

    private static String sshHost(String host) {
        return lab.host(host).sshHost();
    }

    private static Container.ExecResult exec(String host, String command) {
        return lab.host(host).exec("sh", "-c", command);
    }

    /** An inventory of one host reached as {@code user} with a password or a key, for login checks. */
    private static Path login(String name, String host, String ssh) throws IOException {
        return Files.writeString(work.resolve(name), """
                all:
                  hosts:
                    %s: {ssh: {host: %s, port: %d, %s, known_hosts: known_hosts, host_key_checking: accept-new}}
                """.formatted(host, lab.host(host).sshHost(), lab.host(host).sshPort(), ssh));
    }

    @Test
    @Order(1)
    void baseTakesFreshHostsFromRootWithAPasswordToKeyOnlyLoginsAsTheOperator() throws IOException {
        CliRun first = CliRun.of("play", BASE.toString(), "-i", firstContact.toString());
        assertThat(first.exitCode()).as(first.out()).isZero();
        assertThat(first.out()).contains("TASK [Prove the operator logs in with the key").doesNotContain(ROOT_PASSWORD);

        // root with its password, root with a key that sshd would accept for anyone, and a user
        // with a password: all refused now. The operator's key works, with sudo.
        exec("lab1", "echo 'steward:Steward-Pass-2024' | chpasswd");
        Path rootPassword = login("root-password.yml", "lab1", "user: root, password: " + ROOT_PASSWORD);
        Path rootKey = login("root-key.yml", "lab1", "user: root, private_key: " + lab.key().privateKey());
        Path userPassword = login("user-password.yml", "lab1", "user: steward, password: Steward-Pass-2024");
        for (Path refused : new Path[] {rootPassword, rootKey, userPassword}) {
            CliRun ping = CliRun.of("ping", "-i", refused.toString());
            assertThat(ping.exitCode()).as("login with %s must be refused", refused.getFileName()).isEqualTo(3);
        }
        CliRun ping = CliRun.of("ping", "-i", operator.toString());
        assertThat(ping.exitCode()).isZero();
        assertThat(ping.out()).contains("lab1 | SUCCESS => pong (as root)").contains("lab3 | SUCCESS");

        for (String host : new String[] {"lab1", "lab2", "lab3"}) {
            assertThat(exec(host, "sshd -T | grep -E '^(permitrootlogin|passwordauthentication) '").getStdout())
                    .isEqualTo("permitrootlogin no\npasswordauthentication no\n");
            assertThat(exec(host, "stat -c '%a %U' /etc/sudoers.d/steward-operator").getStdout()).isEqualTo("440 root\n");
            assertThat(exec(host, "apt-config dump | grep Package-Blacklist::").getStdout())
                    .contains("\"docker\"").contains("\"containerd\"").contains("\"postgresql\"");
        }

        CliRun second = CliRun.of("play", BASE.toString(), "-i", operator.toString());
        assertThat(second.exitCode()).isZero();
        for (String host : new String[] {"lab1", "lab2", "lab3"}) {
            assertThat(second.recapOf(host)).contains("changed=0 unreachable=0 failed=0");
        }
    }

    @Test
    @Order(2)
    void aFailedProofChangesNothing() throws IOException {
        // a key that is not among operator_keys: the proof fails, sshd stays as it was
        exec("lab3", "rm -f /etc/ssh/sshd_config.d/00-steward.conf && systemctl reload ssh");
        LabKeyPair stranger = LabKeyPair.ensureIn(Files.createDirectories(work.resolve("stranger-key")));
        Path wrongKey = Files.writeString(work.resolve("wrong-key.yml"), Files.readString(operator)
                .replace("operator_key_file: ops-key/id_ed25519", "operator_key_file: " + stranger.privateKey()));
        CliRun run = CliRun.of("play", BASE.toString(), "-i", wrongKey.toString(), "-l", "lab3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("fatal: [lab3]: FAILED!").contains("no SSH login as ops@");
        assertThat(exec("lab3", "test -e /etc/ssh/sshd_config.d/00-steward.conf; echo $?").getStdout()).isEqualTo("1\n");

        CliRun repaired = CliRun.of("play", BASE.toString(), "-i", operator.toString(), "-l", "lab3");
        assertThat(repaired.exitCode()).isZero();
        assertThat(exec("lab3", "sshd -T | grep '^permitrootlogin '").getStdout()).isEqualTo("permitrootlogin no\n");
    }

    @Test
    @Order(3)
    void postgresServesTheChainlinkGroupOverTlsOnlyAndNeverShowsThePassword() throws IOException {
        CliRun first = CliRun.of("play", POSTGRES.toString(), "-i", operator.toString());
        assertThat(first.exitCode()).as(first.out()).isZero();
        CliRun second = CliRun.of("play", POSTGRES.toString(), "-i", operator.toString());
        assertThat(second.exitCode()).isZero();
        assertThat(second.recapOf("lab1")).contains("changed=0 unreachable=0 failed=0");

        // the CA stays on the controller beside the inventory; its key is never on the host
        Path ca = work.resolve("pki/postgres-ca.crt");
        assertThat(Files.getPosixFilePermissions(work.resolve("pki/postgres-ca.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String caKeyLine = Files.readAllLines(work.resolve("pki/postgres-ca.key")).get(1);
        assertThat(exec("lab1", "grep -rlF '" + caKeyLine + "' /etc /root /tmp /var/lib/postgresql; true").getStdout())
                .isEmpty();

        // a PostgreSQL client and the CA certificate on the node and on the outsider
        String client = "apt-get install -y -q postgresql-client </dev/null >/dev/null 2>&1"
                + " && printf '%s' \"$0\" > /root/ca.crt";
        for (String host : new String[] {"lab2", "lab3"}) {
            Container.ExecResult installed = lab.host(host).exec("sh", "-c", client, Files.readString(ca));
            assertThat(installed.getExitCode()).as(installed.getStderr()).isZero();
        }
        String db = lab.host("lab1").address();
        Container.ExecResult tls = psql("lab2", "host=" + db + " dbname=chainlink user=chainlink sslmode=verify-full"
                + " sslrootcert=/root/ca.crt", "select ssl from pg_stat_ssl where pid = pg_backend_pid();"
                + " select shobj_description(oid, 'pg_database') from pg_database where datname = 'chainlink'");
        assertThat(tls.getStdout()).as(tls.getStderr()).isEqualTo("t\nstage=staging\n");

        Container.ExecResult plain = psql("lab2", "host=" + db + " dbname=chainlink user=chainlink sslmode=disable",
                "select 1");
        assertThat(plain.getExitCode()).isNotZero();
        assertThat(plain.getStderr()).contains("no pg_hba.conf entry").contains("no encryption");

        Container.ExecResult outsider = psql("lab3", "host=" + db + " dbname=chainlink user=chainlink"
                + " sslmode=verify-full sslrootcert=/root/ca.crt", "select 1");
        assertThat(outsider.getExitCode()).isNotZero();
        assertThat(outsider.getStderr()).contains("no pg_hba.conf entry for host \"" + lab.host("lab3").address());

        // the nightly backup, run once now
        assertThat(exec("lab1", "systemctl start steward-pg-backup && ls /var/backups/postgresql").getStdout())
                .matches("chainlink-\\d{8}T\\d{6}Z\\.dump\n");
        assertThat(exec("lab1", "systemctl is-enabled steward-pg-backup.timer").getStdout()).isEqualTo("enabled\n");

        // never in Steward's output; never in what the host recorded: sudo's log lines (every
        // command Steward ran as root or postgres), the whole journal, PostgreSQL's log
        for (CliRun run : new CliRun[] {first, second}) {
            assertThat(run.out() + run.err()).doesNotContain(DB_PASSWORD).doesNotContain("7319-canary");
        }
        String recorded = exec("lab1", "journalctl -q --no-pager -o cat; cat /var/log/auth.log /var/log/postgresql/*.log"
                + " 2>/dev/null; true").getStdout();
        assertThat(recorded).contains("COMMAND=").contains("psql").doesNotContain("7319-canary");
    }

    private static Container.ExecResult psql(String host, String conninfo, String sql) {
        return lab.host(host).exec("env", "PGPASSWORD=" + DB_PASSWORD, "PGCONNECT_TIMEOUT=10", "psql", conninfo,
                "-X", "-Atc", sql);
    }
}
