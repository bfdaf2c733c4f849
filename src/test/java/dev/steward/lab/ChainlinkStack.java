package dev.steward.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Chainlink stack on three lab hosts, as the lab tests need it: lab1 and lab2 run the node
 * stand-in (loaded from target/standins/, made by bin/build-standins), lab3 runs Debian's PostgreSQL
 * (TLS with its snakeoil certificate, so sslmode=require) and the RPC stand-in. Stage staging.
 * Run with TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_RYUK_DISABLED=true.
 */
public final class ChainlinkStack implements AutoCloseable {

    public static final Path STANDINS = Path.of("target/standins").toAbsolutePath();

    private final LabCluster lab;
    private final Path work;

    private ChainlinkStack(LabCluster lab, Path work) {
        this.lab = lab;
        this.work = work;
    }

    /** Starts the three hosts ({@code work} holds the inventory, its group_vars and the setup playbook). */
    public static ChainlinkStack start(Path work) {
        // bin/test builds them first; a missing tar is an error, not a reason to skip the proof
        assertThat(STANDINS.resolve("steward-standin_chainlink_2.10.0.tar")).as("run bin/build-standins first").exists();
        return new ChainlinkStack(LabCluster.start(3), work);
    }

    public LabCluster lab() {
        return lab;
    }

    /** {@code command} on {@code host} as root, its standard output trimmed. */
    public String on(String host, String command) {
        return lab.host(host).exec("sh", "-c", command).getStdout().trim();
    }

    /** The /health status code on the host's own 127.0.0.1:6688; 000 when the connection is refused. */
    public String health(String host) {
        return on(host, "curl -s -o /dev/null -w '%{http_code}' --max-time 1 http://127.0.0.1:6688/health || true");
    }

    /**
     * The inventory: nodes lab1 and lab2 on {@code version}, lab3 the postgres host; {@code moreVars}
     * (YAML, one {@code key: value} a line, or empty) joins {@code all: vars}.
     */
    public String inventory(String version, String leaseDuration, String moreVars) {
        LabCluster.Host n1 = lab.host("lab1");
        LabCluster.Host n2 = lab.host("lab2");
        LabCluster.Host db = lab.host("lab3");
        String hostLine = "        %s: {address: %s, ssh: {host: %s, port: %d}}\n";
        return "all:\n"
                + "  vars:\n"
                + "    stage: staging\n    docker_source: distro\n    db_name: chainlink\n    db_user: chainlink\n"
                + "    db_port: 5432\n"
                + moreVars.lines().map(l -> "    " + l + "\n").reduce("", String::concat)
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

    /** Writes the inventory and the secrets beside it (group_vars/all/secrets.yml); returns the inventory. */
    public Path writeInventory(String version, String leaseDuration) throws Exception {
        return writeInventory(version, leaseDuration, "");
    }

    public Path writeInventory(String version, String leaseDuration, String moreVars) throws Exception {
        Path inv = work.resolve("inventory.yml");
        Files.writeString(inv, inventory(version, leaseDuration, moreVars));
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
        Path files = Files.createDirectories(work.resolve("files"));
        if (!Files.exists(files.resolve("rpc.py"))) {
            Files.copy(Path.of("lab-images/rpc-standin/rpc.py"), files.resolve("rpc.py"));
        }
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
        CliRun r = CliRun.of("play", setup.toString(), "-i", inv.toString());
        assertThat(r.exitCode()).as(r.printed()).isZero();
    }

    /** docker.yml (distro Docker) then chainlink.yml on the node hosts; both must succeed. */
    public CliRun deployNodes(Path inv) {
        Path playbooks = Path.of("playbooks").toAbsolutePath();
        CliRun docker = CliRun.of("play", playbooks.resolve("docker.yml").toString(), "-i", inv.toString());
        assertThat(docker.exitCode()).as(docker.printed()).isZero();
        CliRun nodes = CliRun.of("play", playbooks.resolve("chainlink.yml").toString(), "-i", inv.toString());
        assertThat(nodes.exitCode()).as(nodes.printed()).isZero();
        return nodes;
    }

    /** Waits until exactly one node answers on its 6688 (the lease holder) and the other refuses; its name. */
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

    /** The node hosts. */
    public static List<String> nodes() {
        return List.of("lab1", "lab2");
    }

    @Override
    public void close() {
        lab.close();
    }
}
