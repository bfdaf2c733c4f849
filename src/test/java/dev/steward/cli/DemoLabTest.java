package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lab.DockerCli;
import dev.steward.lab.DockerResult;
import dev.steward.secrets.PrivateFiles;
import dev.steward.secrets.StewardVault;
import dev.steward.secrets.VaultPassword;
import dev.steward.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward demo} end to end, in-process: four lab hosts (lab steward-demo), check and site.yml,
 * the summary; then a second run (nothing changes) and {@code --down}. Needs bin/lab-prepare and
 * bin/build-standins (bin/test runs both). Run with TESTCONTAINERS_HOST_OVERRIDE=localhost
 * TESTCONTAINERS_RYUK_DISABLED=true. The demo's lab has a fixed name, so a demo left up on this
 * machine is removed first: its secrets would not match a new folder's.
 */
@Tag("lab")
class DemoLabTest {

    private static final DockerCli DOCKER = new DockerCli();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void noDemoLabYet() {
        CliRun.of("demo", "--down", "--dir", tmp.resolve("stale").toString());
    }

    @AfterAll
    static void down() {
        CliRun.of("demo", "--down", "--dir", tmp.toString());
    }

    /** {@code sh -c command args…} in the lab host's container: args are $0, $1… */
    private static DockerResult on(String container, String command, String... args) {
        List<String> argv = new ArrayList<>(List.of("exec", container, "sh", "-c", command));
        argv.addAll(List.of(args));
        return DOCKER.run(Duration.ofSeconds(60), argv);
    }

    private static String health(String container) {
        return on(container, "curl -s -o /dev/null -w '%{http_code}' --max-time 2 http://127.0.0.1:6688/health || true")
                .stdout().strip();
    }

    @Test
    void demoRunsTheStackOnLabHostsAndSaysWhereTheLeaseIs() throws Exception {
        long started = System.nanoTime();
        CliRun first = CliRun.of("demo", "--dir", tmp.toString());
        System.out.printf("DemoLabTest: first demo in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
        assertThat(first.exitCode()).as(first.printed()).isZero();

        // the generated secrets: a vault with a 0600 password file beside it
        Path pass = tmp.resolve(".vault-pass");
        assertThat(Files.getPosixFilePermissions(pass)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String vault = Files.readString(tmp.resolve("group_vars/all/vault.yml"));
        assertThat(vault).startsWith(StewardVault.MAGIC);
        String plain = StewardVault.decrypt(vault, VaultPassword.Secret.of(PrivateFiles.read(pass).strip()));
        Matcher m = Pattern.compile("db_password: \"([^\"]+)\"").matcher(plain);
        assertThat(m.find()).as(plain.replaceAll(": \".*\"", ": …")).isTrue();
        String dbPassword = m.group(1);
        assertThat(dbPassword).hasSizeGreaterThanOrEqualTo(16);

        // both nodes run; exactly one answers /health on its own 127.0.0.1:6688
        List<String> serving = new ArrayList<>();
        for (int i = 0; i < 30 && serving.size() != 1; i++) {
            serving.clear();
            for (String node : List.of("node1", "node2")) {
                String container = "steward-demo-" + node.substring(4);
                assertThat(on(container, "docker inspect --format '{{.State.Running}}' chainlink").stdout().strip())
                        .as(node + " runs its node").isEqualTo("true");
                if (!health(container).equals("000")) {
                    serving.add(node);
                }
            }
            if (serving.size() != 1) {
                Thread.sleep(1000);
            }
        }
        assertThat(serving).as("exactly one node serves").hasSize(1);
        String holder = serving.get(0);
        assertThat(first.out()).contains("Lease holder: " + holder);
        assertThat(first.out()).contains("bin/steward tunnel " + holder + " -i " + tmp.resolve("inventory.yml")
                + " --vault-password-file " + tmp.resolve(".vault-pass"));

        // PostgreSQL refuses a connection without TLS (from node1, in the node image, with the right password;
        // docker exec into a container nested in a lab host fails with setns, docker run works)
        String db = Files.readString(tmp.resolve("inventory.yml")).lines().filter(l -> l.contains("db_host:"))
                .findFirst().orElseThrow().replaceAll(".*db_host:\\s*", "").strip();
        DockerResult plainConnection = on("steward-demo-1", "docker run --rm -e PGPASSWORD=\"$0\" -e PGCONNECT_TIMEOUT=10"
                + " --entrypoint psql steward-standin/chainlink:" + DemoCommand.VERSION
                + " \"host=$1 dbname=chainlink user=chainlink sslmode=disable\" -XAtc 'select 1' 2>&1; echo \"exit=$?\"",
                dbPassword, db);
        assertThat(plainConnection.stdout()).as(plainConnection.stderr())
                .contains("no pg_hba.conf entry").contains("no encryption").doesNotContain("exit=0");

        // a second run changes nothing
        CliRun second = CliRun.of("demo", "--dir", tmp.toString());
        assertThat(second.exitCode()).as(second.printed()).isZero();
        for (String host : List.of("node1", "node2", "db1", "eth1")) {
            assertThat(second.recapOf(host)).contains("changed=0").contains("failed=0");
        }

        // the canary: the generated database password is never printed
        for (CliRun run : List.of(first, second)) {
            assertThat(run.printed()).doesNotContain(dbPassword);
        }

        CliRun down = CliRun.of("demo", "--down", "--dir", tmp.toString());
        assertThat(down.exitCode()).isZero();
        assertThat(DOCKER.output("ps", "-a", "--filter", "label=dev.steward.lab.name=steward-demo", "--format", "{{.Names}}"))
                .isBlank();
    }
}
