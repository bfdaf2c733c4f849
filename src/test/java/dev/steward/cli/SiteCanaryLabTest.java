package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lab.DockerCli;
import dev.steward.lab.HostCommandOracle;
import dev.steward.lab.LabCluster;
import dev.steward.lab.LabHost;
import dev.steward.lab.LabKeyPair;
import dev.steward.lab.LabSuite;
import dev.steward.lab.StackHostImage;
import dev.steward.secrets.PrivateFiles;
import dev.steward.secrets.StewardVault;
import dev.steward.secrets.VaultPassword;
import dev.steward.testing.Canary;
import dev.steward.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets in the vault (db_password, keystore_password, api_password) through a full
 * {@code site.yml} on four lab hosts (the demo's own inventory and RPC play; hosts from an image
 * that already holds Docker and PostgreSQL, {@link StackHostImage}), then an extra play that fails on
 * db1 so a retry file is written: no form of any canary in stdout, stderr, the JSON output,
 * {@code --diff}, the retry file, or any command the hosts ran. The hosts' record of commands is sshd's ForceCommand log and sudo's log
 * ({@link HostCommandOracle}), which miss nothing; the test first proves they see a marker command
 * and let sftp through. Needs bin/lab-prepare and bin/build-standins. Run with
 * TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_RYUK_DISABLED=true.
 */
@Tag("lab")
class SiteCanaryLabTest {

    private static final DockerCli DOCKER = new DockerCli();
    private static final HostCommandOracle ORACLE = new HostCommandOracle(DOCKER);
    private static final Canary DB = Canary.random("CanaryDb");
    private static final Canary KEYSTORE = Canary.random("CanaryKeystore");
    private static final Canary API = Canary.random("CanaryApi");
    private static final List<Canary> CANARIES = List.of(DB, KEYSTORE, API);
    private static final String MARKER = "lab-oracle-marker-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    static Path dir;

    private static LabCluster lab;
    private static List<LabHost> hosts;
    private static Path inventory;
    private static Path passwordFile;
    private static Path ethPlay;
    private static Path canarySite;

    @BeforeAll
    static void labWithTheOracleAndAVaultOfCanaries() throws Exception {
        Path home = DemoCommand.home();
        Path nodeTar = home.resolve("target/standins/steward-standin_chainlink_" + DemoCommand.VERSION + ".tar");
        Path rpcTar = home.resolve("target/standins/steward-standin_rpc_latest.tar");
        assertThat(nodeTar).as("run bin/build-standins first").exists();
        assertThat(rpcTar).as("run bin/build-standins first").exists();

        // hosts that already hold Docker and PostgreSQL: site.yml does everything else, in a third of the time
        lab = LabCluster.start(DemoCommand.HOSTS.size(), LabSuite.TRIXIE, StackHostImage.ensure(DOCKER, LabSuite.TRIXIE));
        hosts = lab.hosts().stream().map(LabCluster.Host::labHost).toList();
        for (LabHost host : hosts) {
            ORACLE.install(host.container());
        }
        // the demo's inventory names its key and known_hosts beside itself
        for (Path file : List.of(lab.key().privateKey(), lab.key().publicKey(), lab.knownHosts())) {
            Files.copy(file, dir.resolve(file.getFileName()));
        }

        // the demo's inventory and RPC play: the stack as `steward demo` runs it
        inventory = Files.writeString(dir.resolve("inventory.yml"),
                DemoCommand.inventory(hosts, LabKeyPair.ensureIn(dir), nodeTar, dir));
        ethPlay = Files.writeString(dir.resolve("eth.yml"), DemoCommand.ethPlaybook(home.resolve("playbooks"), rpcTar));
        passwordFile = dir.resolve(".vault-pass");
        PrivateFiles.write(passwordFile, "canary-vault-password\n");
        Path vault = Files.createDirectories(dir.resolve("group_vars/all")).resolve("vault.yml");
        PrivateFiles.write(vault, StewardVault.encrypt("db_password: '" + DB.value() + "'\n"
                + "keystore_password: '" + KEYSTORE.value() + "'\n"
                + "api_email: operator@steward.demo\n"
                + "api_password: '" + API.value() + "'\n", VaultPassword.Secret.of("canary-vault-password")));

        // a playbook's project templates are looked for beside the top playbook (FileLookup), not the imported one
        Files.createSymbolicLink(dir.resolve("templates"), home.resolve("templates"));
        canarySite = Files.writeString(dir.resolve("canary-site.yml"), """
                - import_playbook: "%s"

                - name: The oracle's marker, and a failure on db1 (so the run writes a retry file)
                  hosts: db1
                  become: true
                  gather_facts: false
                  tasks:
                    - name: A command the hosts' logs must show (no secret in it)
                      command: echo %s

                    - name: A file with a secret, shown by --diff
                      copy: {dest: /root/canary.txt, content: "api=${api_password}\\n", mode: 0600}

                    - name: A failing command that prints a secret
                      shell: echo "bad password $PW" >&2; exit 3
                      environment: {PW: "${db_password}"}
                      ignore_errors: true

                    - name: A failure whose message holds the secrets
                      fail: {msg: "refusing ${db_password} / ${keystore_password} / ${api_password}"}
                """.formatted(home.resolve("playbooks/site.yml"), MARKER));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static CliRun steward(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-i", inventory.toString(), "--vault-password-file", passwordFile.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static String on(LabHost host, String command) {
        return DOCKER.run(Duration.ofSeconds(60), "exec", host.container(), "sh", "-c", command).stdout().strip();
    }

    @Test
    void noCanaryInOutputJsonDiffRetryFileOrAnyCommandTheHostsRan() throws Exception {
        sftpStillWorksThroughTheWrapper();

        long started = System.nanoTime();
        CliRun check = steward("check", canarySite.toString());
        assertThat(check.exitCode()).as(check.printed()).isZero();
        CliRun eth = steward("play", ethPlay.toString(), "-l", "eth");
        assertThat(eth.exitCode()).as(eth.printed()).isZero();
        CliRun text = steward("play", canarySite.toString(), "--diff", "-vv");
        long firstRun = (System.nanoTime() - started) / 1_000_000_000;
        on(hosts.get(2), "rm /root/canary.txt"); // so the JSON run has a diff with a secret too
        CliRun json = steward("play", canarySite.toString(), "--diff", "--output", "json");
        System.out.printf("SiteCanaryLabTest: check, eth and the first site.yml in %d s, all runs in %d s%n",
                firstRun, (System.nanoTime() - started) / 1_000_000_000);

        // the stack came up (so the secrets were really used), and only db1 failed, at the end
        assertThat(text.exitCode()).as(text.printed()).isEqualTo(2);
        for (String host : List.of("node1", "node2")) {
            assertThat(text.recapOf(host)).contains("failed=0");
        }
        assertThat(text.recapOf("db1")).contains("failed=1");
        assertThat(text.out()).contains("refusing ******** / ******** / ********").contains("+++ after: /root/canary.txt");
        assertThat(json.exitCode()).as(json.printed()).isEqualTo(2);
        assertThat(json.out()).contains("\"event\":\"recap\"").contains("refusing ******** / ******** / ********")
                .contains("+++ after: /root/canary.txt");
        for (LabHost node : hosts.subList(0, 2)) {
            assertThat(on(node, "docker inspect --format '{{.State.Running}}' chainlink")).isEqualTo("true");
        }
        assertThat(on(hosts.get(2), "cat /root/canary.txt")).isEqualTo("api=" + API.value());
        Path retry = retryFile(text);
        assertThat(Files.readString(retry)).isEqualTo("db1\n");

        // the oracle sees what the hosts ran: Steward's sudo on every host, the marker on db1
        Map<String, String> recorded = new LinkedHashMap<>();
        for (LabHost host : hosts) {
            String commands = ORACLE.commandLog(host.container());
            String sudo = ORACLE.sudoLog(host.container());
            assertThat(commands).as("commands run on " + host.name()).contains("\tsudo -H -S -p ");
            assertThat(sudo).as("sudo's log on " + host.name()).contains("COMMAND=");
            recorded.put("the commands sshd ran on " + host.name(), commands);
            recorded.put("sudo's log on " + host.name(), sudo);
        }
        LabHost db1 = hosts.get(2);
        assertThat(ORACLE.commandLog(db1.container())).contains(MARKER);
        assertThat(ORACLE.sudoLog(db1.container())).contains(MARKER);

        Map<String, String> printed = new LinkedHashMap<>();
        printed.put("check's output", check.printed());
        printed.put("the RPC play's output", eth.printed());
        printed.put("stdout of site.yml --diff -vv", text.out());
        printed.put("stderr of site.yml --diff -vv", text.err());
        printed.put("stdout of site.yml --diff --output json", json.out());
        printed.put("stderr of site.yml --diff --output json", json.err());
        printed.put("the retry file", Files.readString(retry));
        printed.putAll(recorded);
        for (Canary canary : CANARIES) {
            printed.forEach((where, text1) -> canary.assertNotIn(where, text1));
        }
    }

    /** The wrapper runs sftp's subsystem too: an upload as the lab user arrives, and is logged. */
    private static void sftpStillWorksThroughTheWrapper() throws Exception {
        LabHost host = hosts.get(0);
        Path local = Files.writeString(dir.resolve("sftp-upload.txt"), "through the wrapper\n");
        try (SSHClient ssh = new SSHClient()) {
            ssh.addHostKeyVerifier(new PromiscuousVerifier());
            ssh.connect(host.sshHost(), host.sshPort());
            ssh.authPublickey("steward", dir.resolve(LabKeyPair.FILE_NAME).toString());
            try (SFTPClient sftp = ssh.newSFTPClient()) {
                sftp.put(local.toString(), "/tmp/sftp-upload.txt");
            }
        }
        assertThat(on(host, "cat /tmp/sftp-upload.txt")).isEqualTo("through the wrapper");
        assertThat(ORACLE.commandLog(host.container())).contains("steward\t/usr/lib/openssh/sftp-server");
    }

    /** The file the run named in its "to retry … use: --limit @FILE" warning. */
    private static Path retryFile(CliRun run) {
        Matcher m = Pattern.compile("--limit @(\\S+)").matcher(run.printed());
        assertThat(m.find()).as(run.printed()).isTrue();
        return Path.of(m.group(1));
    }
}
