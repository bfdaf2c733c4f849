package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lab.DockerCli;
import dev.steward.lab.DockerResult;
import dev.steward.lab.LabCluster;
import dev.steward.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
 * The shipped vpn.yml with real OpenVPN on three lab hosts: lab1 runs the server (the vpn group);
 * lab2 is first an operator's machine using alice's profile, then a Chainlink host of the mesh;
 * lab3 is the PostgreSQL host of the mesh (postgres.yml).
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VpnLabTest {

    private static final Path VPN = Path.of("playbooks/vpn.yml").toAbsolutePath();
    private static final Path POSTGRES = Path.of("playbooks/postgres.yml").toAbsolutePath();
    private static final String DB_PASSWORD = "Db-Passw0rd-vpn-4417-canary";
    /** The server's tunnel address: the first of the default subnet 10.8.0.0/24. */
    private static final String SERVER_TUNNEL = "10.8.0.1";
    private static final String NODE_TUNNEL = "10.8.0.10";
    private static final String DB_TUNNEL = "10.8.0.20";
    private static final DockerCli DOCKER = new DockerCli();

    private static LabCluster lab;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws IOException {
        long started = System.nanoTime();
        lab = LabCluster.start(3);
        Files.copy(lab.knownHosts(), work.resolve("known_hosts"));
        Files.copy(lab.key().privateKey(), work.resolve("id_ed25519"));
        // the operator's machine: an OpenVPN client (not provisioned by Steward)
        Container.ExecResult client = exec("lab2", "apt-get update -q >/dev/null && apt-get install -y -q openvpn"
                + " </dev/null >/dev/null 2>&1");
        assertThat(client.getExitCode()).as(client.getStderr()).isZero();
        System.out.printf("VpnLabTest: 3 hosts and an OpenVPN client in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /**
     * An inventory with lab1 in the vpn group and the given extra `all` vars. With mesh, lab2 is a
     * chainlink host and lab3 the postgres host, each with its tunnel address as `address`.
     */
    private static Path inventory(String name, String vars, boolean mesh) throws IOException {
        String lab2 = host("lab2", mesh ? NODE_TUNNEL : lab.host("lab2").address());
        String lab3 = host("lab3", mesh ? DB_TUNNEL : lab.host("lab3").address());
        String others = mesh ? """
                    chainlink:
                      vars:
                        chainlink_image: steward-standin/chainlink
                        chainlink_version: 2.10.0
                        chainlink_chains:
                          - {chain_id: 11155111, nodes: [{name: eth1, http: "http://10.8.0.30:8545", ws: "ws://10.8.0.30:8546"}]}
                        db_host: %s
                        db_sslmode: disable
                      hosts:
                        %s
                    postgres:
                      hosts:
                        %s
                """.formatted(DB_TUNNEL, lab2, lab3) : """
                    others:
                      hosts:
                        %s
                        %s
                """.formatted(lab2, lab3);
        return Files.writeString(work.resolve(name), """
                all:
                  vars:
                    stage: lab
                    db_password: "%s"
                    keystore_password: "keystore-Passw0rd-for-tests"
                    api_email: ops@example.com
                    api_password: "api-Passw0rd-for-tests"
                    %s
                  ssh: {user: steward, private_key: id_ed25519, known_hosts: known_hosts, host_key_checking: accept-new}
                  children:
                    vpn:
                      hosts:
                        %s
                %s""".formatted(DB_PASSWORD, vars, host("lab1", lab.host("lab1").address()), others));
    }

    private static String host(String name, String address) {
        return "%s: {address: %s, ssh: {host: %s, port: %d}}".formatted(name, address, lab.host(name).sshHost(),
                lab.host(name).sshPort());
    }

    private static Container.ExecResult exec(String host, String command) {
        return lab.host(host).exec("sh", "-c", command);
    }

    private static CliRun play(Path playbook, Path inventory) {
        long started = System.nanoTime();
        CliRun run = CliRun.of("play", playbook.toString(), "-i", inventory.toString(), "--diff");
        System.out.printf("VpnLabTest: %s with %s in %d s%n", playbook.getFileName(), inventory.getFileName(),
                (System.nanoTime() - started) / 1_000_000_000);
        assertThat(run.exitCode()).as(run.printed()).isZero();
        return run;
    }

    /** Uploads a profile to lab2 without its content on any command line (docker cp), and starts OpenVPN with it. */
    private static void startClient(Path profile, String log) {
        DockerResult copied = DOCKER.run(Duration.ofSeconds(30), "cp", profile.toString(),
                lab.host("lab2").containerName() + ":/root/operator.ovpn");
        assertThat(copied.exitCode()).as(copied.stderr()).isZero();
        Container.ExecResult started = exec("lab2", "chmod 600 /root/operator.ovpn && openvpn --config /root/operator.ovpn"
                + " --daemon --log /root/" + log + " --writepid /root/openvpn.pid");
        assertThat(started.getExitCode()).as(started.getStderr()).isZero();
    }

    /** Starts the client and waits (30 s at most) until it reports the tunnel up; returns its log. */
    private static String connect(Path profile, String log) {
        startClient(profile, log);
        Container.ExecResult up = exec("lab2", "for i in $(seq 60); do grep -q 'Initialization Sequence Completed' /root/"
                + log + " && exit 0; sleep 0.5; done; exit 1");
        String text = exec("lab2", "cat /root/" + log).getStdout();
        assertThat(up.getExitCode()).as(text).isZero();
        return text;
    }

    private static void disconnect() {
        exec("lab2", "kill $(cat /root/openvpn.pid) 2>/dev/null; while pgrep -x openvpn >/dev/null; do sleep 0.2; done");
    }

    /** The first bytes sshd sends, read through the tunnel: proof that a TCP connection got there. */
    private static String sshBannerVia(String address) {
        return exec("lab2", "timeout 5 bash -c 'exec 3<>/dev/tcp/" + address + "/22; head -c 7 <&3'").getStdout();
    }

    /** A line from the middle of the profile's private key: must never appear where it does not belong. */
    private static String keyLine(Path profile) throws IOException {
        String text = Files.readString(profile);
        String key = text.substring(text.indexOf("<key>"), text.indexOf("</key>"));
        return key.lines().filter(l -> !l.startsWith("-") && !l.startsWith("<") && l.length() > 40).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void anOperatorConnectsWithTheFetchedProfileAndReachesTheServer() throws IOException {
        Path ops = inventory("operators.yml", "vpn_operators: [alice]", false);
        CliRun first = play(VPN, ops);

        // the profile: one inline file, readable by its owner only, in a folder only the owner enters
        Path profile = work.resolve("vpn/alice.ovpn");
        assertThat(Files.getPosixFilePermissions(profile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(work.resolve("vpn"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        String text = Files.readString(profile);
        assertThat(text).contains("remote " + lab.host("lab1").address() + " 1194", "<ca>", "<cert>", "<key>",
                "<tls-crypt>", "data-ciphers AES-256-GCM:CHACHA20-POLY1305", "tls-version-min 1.2")
                .doesNotContain("comp-lzo", "\ncompress");
        assertThat(Files.readString(work.resolve("vpn/.gitignore"))).endsWith("\n*\n");

        // the CA key stays on the vpn host, root only; the server runs with modern settings only
        assertThat(exec("lab1", "stat -c '%a %U' /etc/openvpn/server/steward-pki/private/ca.key").getStdout())
                .isEqualTo("600 root\n");
        assertThat(exec("lab1", "systemctl is-active openvpn-server@steward").getStdout()).isEqualTo("active\n");
        assertThat(exec("lab1", "cat /etc/openvpn/server/steward.conf").getStdout())
                .contains("tls-crypt ", "data-ciphers AES-256-GCM:CHACHA20-POLY1305", "tls-version-min 1.2",
                        "allow-compression no", "explicit-exit-notify 1", "crl-verify ");

        connect(profile, "alice.log");
        assertThat(sshBannerVia(SERVER_TUNNEL)).isEqualTo("SSH-2.0");
        assertThat(exec("lab2", "cat /root/alice.log").getStdout()).contains("Data Channel: cipher 'AES-256-GCM'");
        disconnect();

        CliRun second = play(VPN, ops);
        assertThat(second.recapOf("lab1")).contains("changed=0 unreachable=0 failed=0");

        // the private key: not in Steward's output, not in what the vpn host logged (sudo's command lines)
        String line = keyLine(profile);
        assertThat(first.printed() + second.printed()).doesNotContain(line).doesNotContain("PRIVATE KEY");
        assertThat(exec("lab1", "journalctl -q --no-pager -o cat; cat /var/log/auth.log 2>/dev/null; true").getStdout())
                .contains("openvpn").doesNotContain(line);
    }

    @Test
    @Order(2)
    void aRevokedOperatorCannotConnectAndReAddingTheNameIssuesANewProfile() throws IOException {
        Path profile = work.resolve("vpn/alice.ovpn");
        Path old = Files.copy(profile, work.resolve("alice-old.ovpn"));

        CliRun revoked = play(VPN, inventory("revoked.yml", "vpn_operators: [alice]\n    vpn_revoked: [alice]", false));
        assertThat(revoked.printed()).contains("TASK [Revoked clients are cut off now]");
        assertThat(profile).doesNotExist();

        // the old profile is refused by the server: the handshake never completes, no tunnel comes up.
        // (Nothing is sent to 10.8.0.1 without a tunnel: it would leave the lab through the default route.)
        startClient(old, "alice-revoked.log");
        String serverLog = exec("lab1", "for i in $(seq 60); do journalctl -u openvpn-server@steward --no-pager -o cat"
                + " | grep 'certificate revoked: CN=alice' && exit 0; sleep 0.5; done; exit 1").getStdout();
        assertThat(serverLog).contains("certificate revoked: CN=alice");
        exec("lab2", "sleep 3");
        assertThat(exec("lab2", "cat /root/alice-revoked.log").getStdout()).doesNotContain("Initialization Sequence Completed");
        assertThat(exec("lab2", "ip -o -4 addr show").getStdout()).doesNotContain(" 10.8.0.");
        disconnect();

        // taken out of vpn_revoked: a new certificate under the same name, a new profile that works
        play(VPN, inventory("operators.yml", "vpn_operators: [alice]", false));
        assertThat(Files.readString(profile)).isNotEqualTo(Files.readString(old));
        connect(profile, "alice-again.log");
        assertThat(sshBannerVia(SERVER_TUNNEL)).isEqualTo("SSH-2.0");
        disconnect();
        assertThat(exec("lab1", "grep -c '/CN=alice$' /etc/openvpn/server/steward-pki/index.txt").getStdout())
                .as("one revoked and one valid certificate for alice").isEqualTo("2\n");
    }

    @Test
    @Order(3)
    void aCrlCloseToExpiryIsRenewedByTheTimer() {
        assertThat(exec("lab1", "systemctl is-enabled steward-vpn-crl.timer; systemctl is-active steward-vpn-crl.timer")
                .getStdout()).isEqualTo("enabled\nactive\n");

        // a CRL with 2 days left (fewer than vpn_crl_renew_days, 30), as if the timer had not run for months
        String crl = "/etc/openvpn/server/steward/crl.pem";
        String daysLeft = "echo $(( ($(date -d \"$(openssl crl -in " + crl + " -noout -nextupdate | cut -d= -f2)\" +%s)"
                + " - $(date +%s)) / 86400 ))";
        Container.ExecResult shortCrl = exec("lab1", "EASYRSA_PKI=/etc/openvpn/server/steward-pki EASYRSA_BATCH=1"
                + " EASYRSA_CRL_DAYS=2 /usr/share/easy-rsa/easyrsa gen-crl >/dev/null 2>&1"
                + " && cp /etc/openvpn/server/steward-pki/crl.pem " + crl + " && " + daysLeft);
        assertThat(Integer.parseInt(shortCrl.getStdout().strip())).as(shortCrl.getStderr()).isBetween(1, 2);

        Container.ExecResult timer = exec("lab1", "systemctl start steward-vpn-crl.service");
        assertThat(timer.getExitCode()).as(timer.getStderr()).isZero();
        assertThat(Integer.parseInt(exec("lab1", daysLeft).getStdout().strip())).isBetween(178, 180);
        // still the list of revoked certificates (alice's first), readable by OpenVPN after it drops to nobody
        assertThat(exec("lab1", "openssl crl -in " + crl + " -noout -text | grep -c 'Serial Number'").getStdout())
                .isEqualTo("1\n");
        assertThat(exec("lab1", "stat -c %a " + crl).getStdout()).isEqualTo("644\n");
        assertThat(exec("lab1", "journalctl -u steward-vpn-crl --no-pager -o cat").getStdout()).contains("changed: CRL renewed");
    }

    @Test
    @Order(4)
    void withTheMeshANodeQueriesPostgresOverTheTunnelAndNotFromOutsideIt() throws IOException {
        Path mesh = inventory("mesh.yml", "vpn_operators: [alice]\n    vpn_mesh: true", true);
        CliRun joined = play(VPN, mesh);
        play(POSTGRES, mesh);

        assertThat(exec("lab2", "ip -o -4 addr show").getStdout()).contains(" " + NODE_TUNNEL + "/24");
        assertThat(exec("lab3", "ip -o -4 addr show").getStdout()).contains(" " + DB_TUNNEL + "/24");
        // the hosts' profiles stay on the hosts (0600); only the operators' come to the controller
        assertThat(exec("lab3", "stat -c '%a %U' /etc/openvpn/client/steward.conf").getStdout()).isEqualTo("600 root\n");
        assertThat(work.resolve("vpn").toFile().list()).containsExactlyInAnyOrder(".gitignore", "alice.ovpn");

        Container.ExecResult client = exec("lab2", "apt-get install -y -q postgresql-client </dev/null >/dev/null 2>&1");
        assertThat(client.getExitCode()).as(client.getStderr()).isZero();
        Container.ExecResult inside = psql("host=" + DB_TUNNEL, "select inet_client_addr()");
        assertThat(inside.getStdout()).as(inside.getStderr()).isEqualTo(NODE_TUNNEL + "\n");
        Container.ExecResult outside = psql("host=" + lab.host("lab3").address(), "select 1");
        assertThat(outside.getExitCode()).isNotZero();
        assertThat(outside.getStderr()).contains("Connection refused");

        // PostgreSQL needs the tunnel: stopping the tunnel stops it; starting it brings the tunnel up first
        String unit = exec("lab3", "systemctl list-units 'postgresql@*' --plain --no-legend | cut -d' ' -f1").getStdout().strip();
        assertThat(exec("lab3", "systemctl show -p Requires -p After " + unit).getStdout())
                .contains("openvpn-client@steward.service");
        exec("lab3", "systemctl stop openvpn-client@steward");
        assertThat(exec("lab3", "systemctl is-active " + unit).getStdout()).isEqualTo("inactive\n");
        Container.ExecResult restarted = exec("lab3", "systemctl start " + unit);
        assertThat(restarted.getExitCode()).as(restarted.getStderr()).isZero();
        assertThat(exec("lab3", "ss -ltnH").getStdout()).contains(DB_TUNNEL + ":5432");
        Container.ExecResult back = psql("host=" + DB_TUNNEL, "select 1");
        assertThat(back.getStdout()).as(back.getStderr()).isEqualTo("1\n");

        CliRun again = play(VPN, mesh);
        for (String host : new String[] {"lab1", "lab2", "lab3"}) {
            assertThat(again.recapOf(host)).contains("changed=0 unreachable=0 failed=0");
        }
        // a host's profile (its private key) went through Steward, shown nowhere, not even with --diff
        String hostKey = exec("lab1", "sed -n '/<key>/,/<\\/key>/p' /etc/openvpn/server/steward/profiles/host-lab3.ovpn"
                + " | sed -n 3p").getStdout().strip();
        assertThat(hostKey).hasSizeGreaterThan(40);
        assertThat(joined.printed() + again.printed()).doesNotContain(hostKey).doesNotContain("PRIVATE KEY")
                .doesNotContain("OpenVPN Static key");
    }

    private static Container.ExecResult psql(String conninfo, String sql) {
        return lab.host("lab2").exec("env", "PGPASSWORD=" + DB_PASSWORD, "PGCONNECT_TIMEOUT=10", "psql",
                conninfo + " dbname=chainlink user=chainlink sslmode=require", "-X", "-Atc", sql);
    }
}
