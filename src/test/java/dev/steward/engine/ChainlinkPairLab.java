package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.cli.Main;
import dev.steward.lab.LabCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Chainlink pair of the lab tests, on three lab hosts: lab1 and lab2 run the node stand-in (its images
 * loaded from target/standins/, made by bin/build-standins), lab3 runs Debian's PostgreSQL (TLS with its
 * snakeoil certificate, so sslmode=require) and the RPC stand-in. Stage staging.
 */
public final class ChainlinkPairLab {

    public static final Path STANDINS = Path.of("target/standins").toAbsolutePath();

    private final LabCluster lab;
    private final Path work;

    public ChainlinkPairLab(LabCluster lab, Path work) {
        this.lab = lab;
        this.work = work;
    }

    /** What a command printed (stdout and stderr, in order) and its exit code. */
    record Run(int exitCode, String out) {
        String recap(String host) {
            return out.lines().filter(l -> l.startsWith(host + " ")).reduce((a, b) -> b)
                    .map(l -> l.replaceAll("\\s+", " ")).orElse("");
        }
    }

    /** {@code steward ARGS} in this process, as a user runs it. */
    static synchronized Run steward(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrintStream both = new PrintStream(out, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            oldOut.print(out.toString(StandardCharsets.UTF_8));
        }
    }

    public String on(String host, String command) {
        return lab.host(host).exec("sh", "-c", command).getStdout().trim();
    }

    /** The /health status code on the host's own 127.0.0.1:6688; 000 when nothing answers. */
    public String health(String host) {
        return on(host, "curl -s -o /dev/null -w '%{http_code}' --max-time 1 http://127.0.0.1:6688/health || true");
    }

    /** The image of the host's node container. */
    String image(String host) {
        return on(host, "docker inspect --format '{{.Config.Image}}' chainlink");
    }

    String startedAt(String host) {
        return on(host, "docker inspect --format '{{.State.StartedAt}}' chainlink");
    }

    /** The version the database records (what the last node to migrate it wrote). */
    String databaseVersion() {
        return on("lab3", "runuser -u postgres -- psql -X -d chainlink -Atc "
                + "'SELECT version FROM node_versions ORDER BY created_at DESC LIMIT 1'");
    }

    /**
     * The inventory: chainlink_image_tar names the tar of whichever version a play asks for, as an operator
     * would write it for `steward upgrade --to`.
     */
    public Path writeInventory(String version, String leaseDuration, int settleTimeout) throws Exception {
        LabCluster.Host n1 = lab.host("lab1");
        LabCluster.Host n2 = lab.host("lab2");
        LabCluster.Host db = lab.host("lab3");
        String hostLine = "        %s: {address: %s, ssh: {host: %s, port: %d}}\n";
        String text = "all:\n"
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
                + "        chainlink_image_tar: \"" + STANDINS.resolve("steward-standin_chainlink_") + "${chainlink_version}.tar\"\n"
                + "        chainlink_lease_duration: " + leaseDuration + "\n"
                + "        chainlink_settle_polls: 3\n"
                + "        chainlink_settle_timeout: " + settleTimeout + "\n"
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
        Path inv = work.resolve("inventory.yml");
        Files.writeString(inv, text);
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
    public void databaseAndRpc(Path inv) throws Exception {
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

    /** docker.yml (distro Docker on the node hosts) and chainlink.yml: the pair running, one node serving. */
    public void nodes(Path inv) throws Exception {
        Path playbooks = Path.of("playbooks").toAbsolutePath();
        Run docker = steward("play", playbooks.resolve("docker.yml").toString(), "-i", inv.toString());
        assertThat(docker.exitCode()).as(docker.out()).isZero();
        Run nodes = steward("play", playbooks.resolve("chainlink.yml").toString(), "-i", inv.toString());
        assertThat(nodes.exitCode()).as(nodes.out()).isZero();
    }

    /** The node that answers /health 200 while the other refuses, once that holds (within a minute). */
    public String awaitOneServing() throws InterruptedException {
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
