package dev.steward.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The stand-in images of lab-images/ (built by bin/build-standins when missing) behave as Chainlink
 * does where Steward depends on it: one lease holder serves 6688 (/health, /readyz, /metrics) and a
 * standby refuses connections, a killed holder is replaced within the lease duration, a node whose
 * lease is taken exits, a short keystore password is refused with Chainlink's message, a newer version answers 204 while it
 * migrates, an older version refuses a database a newer one used. Everything runs through the docker
 * CLI on a network, volumes and containers of its own, removed at the end.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandinImagesTest {

    private static final String OLD = "steward-standin/chainlink:2.10.0";
    private static final String NEW = "steward-standin/chainlink:2.11.0";
    private static final String RPC = "steward-standin/rpc:latest";
    private static final String POSTGRES = "steward-standin/postgres:latest";
    private static final String DB_PASSWORD = "db-password-for-the-standin-test";
    private static final String KEYSTORE_PASSWORD = "keystore-password-for-the-test";
    private static final Duration LONG = Duration.ofMinutes(10);

    private final DockerCli docker = new DockerCli();
    private final String prefix = "steward-standin-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> containers = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    @BeforeAll
    void imagesDatabaseAndRpc() {
        docker.requireEngine();
        if (!List.of(OLD, NEW, RPC, POSTGRES).stream().allMatch(this::imageExists)) {
            long started = System.nanoTime();
            Path script = Path.of("bin/build-standins").toAbsolutePath();
            ProcessResult built = ProcessResult.run(LONG, script.toString(), "--no-save");
            assertThat(built.exitCode()).as("bin/build-standins: %s", built.output()).isZero();
            System.out.printf("StandinImagesTest: built the stand-in images in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
        }
        docker.output("network", "create", prefix);
        String db = start(List.of("-e", "POSTGRES_USER=chainlink", "-e", "POSTGRES_PASSWORD=" + DB_PASSWORD,
                "-e", "POSTGRES_DB=chainlink", "--network-alias", "db"), POSTGRES, List.of(), "db");
        start(List.of("-e", "CHAIN_ID=1337", "--network-alias", "rpc"), RPC, List.of(), "rpc");
        String tcp = "postgresql://chainlink@127.0.0.1/chainlink?sslmode=require";
        waitFor(Duration.ofSeconds(120), "PostgreSQL answering over TLS", () ->
                docker.run(DockerCli.QUICK, "exec", "-e", "PGPASSWORD=" + DB_PASSWORD, db, "psql", tcp, "-tAc", "select 1").ok());
        for (String database : List.of("failover", "short_password", "upgrade")) {
            docker.output("exec", db, "su", "postgres", "-c", "psql -q -c 'CREATE DATABASE " + database + " OWNER chainlink'");
        }
    }

    @AfterAll
    void removeEverything() {
        containers.forEach(c -> docker.run(DockerCli.QUICK, "rm", "-f", "-v", c));
        volumes.forEach(v -> docker.run(DockerCli.QUICK, "volume", "rm", "-f", v));
        docker.run(DockerCli.QUICK, "network", "rm", prefix);
    }

    @Test
    void oneHolderServesTheStandbyRefusesAndTakesOverWhenTheHolderDies() {
        String a = node(OLD, "failover", KEYSTORE_PASSWORD, "a");
        String b = node(OLD, "failover", KEYSTORE_PASSWORD, "b");
        waitFor(Duration.ofSeconds(90), "one node serving and the other refusing", () -> {
            List<String> both = List.of(health(a), health(b));
            return both.contains("200") && both.contains("refused");
        });
        String holder = health(a).equals("200") ? a : b;
        String standby = holder.equals(a) ? b : a;
        for (int i = 0; i < 3; i++) {
            assertThat(health(standby)).as("the standby, poll %d", i).isEqualTo("refused");
            assertThat(health(holder)).as("the holder, poll %d", i).isEqualTo("200");
            sleep(Duration.ofSeconds(1));
        }
        assertThat(docker.output("exec", holder, "curl", "-s", "http://localhost:6688/health"))
                .contains("\"EVM.1337.Node.primary\"").contains("\"passing\"").doesNotContain("failing");
        assertThat(docker.output("exec", holder, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "http://localhost:6688/readyz")).isEqualTo("200");
        // /metrics is served by the same web server, so by the holder only (the standby refuses 6688 altogether)
        assertThat(docker.output("exec", holder, "curl", "-s", "http://localhost:6688/metrics"))
                .contains("# TYPE version counter\nversion{commit=\"standin\",version=\"2.10.0\"} 1\n")
                .contains("health{service_id=\"Database\"} 1\n").contains("process_start_time_seconds ");

        long killed = System.nanoTime();
        docker.output("kill", holder);
        waitFor(Duration.ofSeconds(30), "the standby taking over", () -> health(standby).equals("200"));
        long takeover = (System.nanoTime() - killed) / 1_000_000;
        System.out.printf("StandinImagesTest: the standby served %d ms after the holder was killed%n", takeover);
        assertThat(takeover).as("ms from kill to takeover (lease 10 s, refresh 1 s)").isLessThan(16_000);

        // The old holder comes back as a standby (compose restarts it), and refuses connections.
        docker.output("start", holder);
        waitFor(Duration.ofSeconds(30), "the restarted node waiting for the lease", () ->
                logs(holder).contains("waiting for lease to expire"));
        assertThat(health(holder)).isEqualTo("refused");

        // A holder frozen past its lease finds it taken when it wakes, and exits.
        docker.output("pause", standby);
        waitFor(Duration.ofSeconds(30), "the other node taking the lease", () -> health(holder).equals("200"));
        docker.output("unpause", standby);
        waitFor(Duration.ofSeconds(15), "the node that lost its lease exiting", () -> !running(standby));
        assertThat(logs(standby)).contains("Another node has taken the lease, exiting immediately");
        assertThat(docker.output("inspect", "-f", "{{.State.ExitCode}}", standby).strip()).isEqualTo("1");
    }

    @Test
    void aShortKeystorePasswordIsRefusedWithChainlinksMessage() {
        String node = node(OLD, "short_password", "too-short", "short");
        waitFor(Duration.ofSeconds(60), "the node exiting", () -> !running(node));
        assertThat(docker.output("inspect", "-f", "{{.State.ExitCode}}", node).strip()).isNotEqualTo("0");
        assertThat(logs(node)).contains("error authenticating keystore")
                .contains("password is less than 16 characters long").doesNotContain("too-short");
    }

    @Test
    void theNewerVersionAnswers204WhileMigratingAndTheOlderOneThenRefusesTheDatabase() {
        String old = node(OLD, "upgrade", KEYSTORE_PASSWORD, "old");
        waitFor(Duration.ofSeconds(60), "2.10.0 serving", () -> health(old).equals("200"));
        assertThat(docker.output("run", "--rm", NEW, "--version")).startsWith("chainlink version 2.11.0@");

        String upgraded = node(NEW, "upgrade", KEYSTORE_PASSWORD, "new");
        waitFor(Duration.ofSeconds(30), "2.11.0 waiting for the lease", () -> logs(upgraded).contains("waiting for lease"));
        docker.output("stop", old);
        List<String> seen = new ArrayList<>();
        waitFor(Duration.ofSeconds(60), "2.11.0 serving", () -> {
            String status = docker.run(DockerCli.QUICK, "exec", upgraded, "curl", "-s", "-w", "%{http_code}:%{size_download}",
                    "-o", "/dev/null", "http://localhost:6688/health").stdout().strip();
            seen.add(status);
            return status.startsWith("200");
        });
        assertThat(seen).as("/health answers while 2.11.0 starts").contains("204:0");
        assertThat(seen).as("/health answers while 2.11.0 starts").noneMatch(s -> s.startsWith("503"));

        docker.output("stop", upgraded);
        String downgraded = node(OLD, "upgrade", KEYSTORE_PASSWORD, "downgraded");
        waitFor(Duration.ofSeconds(60), "2.10.0 exiting", () -> !running(downgraded));
        assertThat(logs(downgraded)).contains(
                "Application version (2.10.0) is lower than database version (2.11.0). Only Chainlink 2.11.0 or higher can be run on this database");
        assertThat(docker.output("inspect", "-f", "{{.State.ExitCode}}", downgraded).strip()).isEqualTo("1");
    }

    @Test
    void validatePrintsTheConfigWithSecretsRedactedAndRefusesAWeakDatabasePassword() {
        String volume = files("validate", "postgresql://chainlink:weak@db:5432/chainlink", KEYSTORE_PASSWORD);
        DockerResult result = docker.run(DockerCli.QUICK, "run", "--rm", "-v", volume + ":/chainlink", OLD,
                "node", "-config", "/chainlink/config.toml", "-secrets", "/chainlink/secrets.toml", "validate");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout()).contains("# Effective Configuration, with defaults applied:").contains("HTTPSPort = 0")
                .contains("Invalid configuration").contains("password is less than 16 characters long")
                .doesNotContain("weak@").doesNotContain(KEYSTORE_PASSWORD);
    }

    // ------------------------------------------------------------------------------------ helpers

    /** A node stand-in on its own volume (RootDir /chainlink, owned by 14933, mode 0700), started detached. */
    private String node(String image, String database, String keystorePassword, String name) {
        String url = "postgresql://chainlink:" + DB_PASSWORD + "@db:5432/" + database + "?sslmode=require";
        String volume = files(name, url, keystorePassword);
        return start(List.of("-v", volume + ":/chainlink"), image,
                List.of("node", "-config", "/chainlink/config.toml", "-secrets", "/chainlink/secrets.toml", "start",
                        "-a", "/chainlink/.api"), name);
    }

    /** Writes config.toml, secrets.toml (0600) and .api into a fresh volume, as a playbook would on a host. */
    private String files(String name, String databaseUrl, String keystorePassword) {
        String volume = prefix + "-" + name;
        docker.output("volume", "create", volume);
        volumes.add(volume);
        String config = """
                RootDir = '/chainlink'
                [Log]
                JSONConsole = true
                [WebServer]
                HTTPPort = 6688
                [WebServer.TLS]
                HTTPSPort = 0
                [[EVM]]
                ChainID = '1337'
                [[EVM.Nodes]]
                Name = 'primary'
                HTTPURL = 'http://rpc:8545'
                WSURL = 'ws://rpc:8546'
                """;
        String secrets = "[Database]\nURL = '" + databaseUrl + "'\n[Password]\nKeystore = '" + keystorePassword + "'\n";
        String api = "admin@example.com\napi-password-for-the-standin\n";
        docker.output(DockerCli.QUICK, List.of("run", "--rm", "-u", "0", "-v", volume + ":/chainlink",
                "-e", "CONFIG=" + config, "-e", "SECRETS=" + secrets, "-e", "API=" + api, "--entrypoint", "sh", OLD, "-c",
                "cd /chainlink && printf %s \"$CONFIG\" >config.toml && printf %s \"$SECRETS\" >secrets.toml"
                        + " && printf %s \"$API\" >.api && chmod 0600 secrets.toml .api && chown -R 14933:14933 ."
                        + " && chmod 0700 ."));
        return volume;
    }

    private String start(List<String> options, String image, List<String> command, String name) {
        String container = prefix + "-" + name;
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", container, "--network", prefix));
        args.addAll(options);
        args.add(image);
        args.addAll(command);
        containers.add(container);
        docker.output(DockerCli.QUICK, args);
        return container;
    }

    /** "200", "204", "503"…, "refused" when nothing listens on 6688, "stopped" when the container is not running. */
    private String health(String container) {
        DockerResult result = docker.run(DockerCli.QUICK, "exec", container, "curl", "-s", "-o", "/dev/null",
                "-w", "%{http_code}", "--max-time", "3", "http://localhost:6688/health");
        if (result.exitCode() == 7) {
            return "refused";
        }
        return result.ok() ? result.stdout().strip() : running(container) ? "error " + result.exitCode() : "stopped";
    }

    private boolean running(String container) {
        return docker.output("inspect", "-f", "{{.State.Running}}", container).strip().equals("true");
    }

    private String logs(String container) {
        DockerResult result = docker.run(DockerCli.QUICK, "logs", container);
        return result.stdout() + result.stderr();
    }

    private boolean imageExists(String image) {
        return docker.run(DockerCli.QUICK, "image", "inspect", image).ok();
    }

    private static void waitFor(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            sleep(Duration.ofMillis(300));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A command other than docker (bin/build-standins), its output merged. */
    private record ProcessResult(int exitCode, String output) {
        static ProcessResult run(Duration timeout, String... command) {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getOutputStream().close();
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    return new ProcessResult(124, new String(output));
                }
                return new ProcessResult(process.exitValue(), new String(output));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
