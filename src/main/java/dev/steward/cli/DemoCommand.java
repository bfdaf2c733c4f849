package dev.steward.cli;

import dev.steward.engine.Engine;
import dev.steward.engine.PlayRequest;
import dev.steward.lab.DockerCli;
import dev.steward.lab.DockerResult;
import dev.steward.lab.Lab;
import dev.steward.lab.LabException;
import dev.steward.lab.LabHost;
import dev.steward.lab.LabKeyPair;
import dev.steward.lab.LabName;
import dev.steward.lab.LabSuite;
import dev.steward.report.ConsoleReporter;
import dev.steward.secrets.PrivateFiles;
import dev.steward.secrets.StewardVault;
import dev.steward.secrets.VaultFiles;
import dev.steward.secrets.VaultPassword;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code steward demo}: the whole Chainlink stack on four local lab hosts (lab {@code steward-demo}):
 * node1 and node2 run the node stand-in, db1 PostgreSQL with TLS, eth1 the Ethereum JSON-RPC stand-in.
 * Writes DIR/inventory.yml and a vault of generated secrets, runs {@code check} and
 * {@code playbooks/site.yml}, and says which node holds the lease and how to reach its operator UI.
 * {@code --down} removes the lab.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Run the Chainlink stack (site.yml) on four local lab hosts and show where everything runs.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the stack runs", "1:error (the lab could not be started)", "2:a host failed",
                "3:a host was unreachable", "4:the generated inventory is invalid", "99:interrupted"})
public final class DemoCommand implements Callable<Integer> {

    static final LabName LAB = new LabName("steward-demo");
    static final String VERSION = "2.10.0";
    static final int CHAIN_ID = 1337;
    /** Inventory names of lab1…lab4, in order. */
    static final List<String> HOSTS = List.of("node1", "node2", "db1", "eth1");

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Option(names = "--down", description = "Remove the demo's lab hosts (the folder keeps its key, vault and inventory).")
    boolean down;

    @Option(names = "--dir", defaultValue = "demo", paramLabel = "DIR",
            description = "Folder for the key pair, inventory.yml, the vault and its password (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path folder = dir.toAbsolutePath().normalize();
        Lab lab = new Lab(new DockerCli(), LAB);
        try {
            if (down) {
                List<LabHost> removed = lab.down(folder);
                System.out.println(removed.isEmpty() ? "no demo hosts to remove"
                        : "removed " + String.join(", ", removed.stream().map(LabHost::container).toList()));
                return LabCommand.OK;
            }
            return up(lab, folder);
        } catch (LabException e) {
            System.err.println("steward demo: " + e.getMessage());
            return LabCommand.ERROR;
        }
    }

    private int up(Lab lab, Path folder) throws Exception {
        Path home = home();
        Path standins = home.resolve("target/standins");
        Path nodeTar = standins.resolve("steward-standin_chainlink_" + VERSION + ".tar");
        Path rpcTar = standins.resolve("steward-standin_rpc_latest.tar");
        for (Path tar : List.of(nodeTar, rpcTar)) {
            if (!Files.isRegularFile(tar)) {
                System.err.println("steward demo: " + tar + " is missing: run bin/build-standins (bin/steward demo does)");
                return LabCommand.ERROR;
            }
        }
        System.out.println("steward demo: starting 4 lab hosts (" + LAB.prefix() + "-1…4) in " + folder);
        System.out.flush();
        List<LabHost> started = lab.up(HOSTS.size(), LabSuite.parse("trixie"), folder);
        List<LabHost> hosts = new ArrayList<>();
        for (int i = 1; i <= HOSTS.size(); i++) {
            String name = LabName.hostName(i);
            hosts.add(started.stream().filter(h -> h.name().equals(name)).findFirst()
                    .orElseThrow(() -> new LabException("lab host " + name + " did not start")));
        }
        LabKeyPair key = LabKeyPair.ensureIn(folder);
        Path inventory = folder.resolve("inventory.yml");
        Files.writeString(inventory, inventory(hosts, key, nodeTar, folder));
        Path passwordFile = folder.resolve(".vault-pass");
        Path vaultFile = folder.resolve("group_vars/all/vault.yml");
        writeSecretsOnce(passwordFile, vaultFile);
        Path ethPlay = folder.resolve("eth.yml");
        Files.writeString(ethPlay, ethPlaybook(home.resolve("playbooks"), rpcTar));

        Engine engine = Passphrase.engine().withVault(VaultFiles.with(VaultPassword.file(passwordFile)));
        Path site = home.resolve("playbooks/site.yml");
        // check first: a problem is reported with file:line:column and nothing is touched (exit 4)
        Engine.Prepared checked = engine.prepare(site, inventory, Optional.empty(), List.of());
        checked.warnings().forEach(w -> System.err.println("WARNING: " + w));
        System.out.println("steward demo: check " + site + ": no problems found");
        System.out.println("steward demo: the RPC stand-in on eth1 (" + ethPlay + ")");
        System.out.flush();
        int eth = play(engine, ethPlay, inventory, Optional.of("eth"));
        if (eth != 0) {
            return eth;
        }
        System.out.println("steward demo: play " + site);
        System.out.flush();
        int code = play(engine, site, inventory, Optional.empty());
        if (code == 0) {
            System.out.print(summary(hosts, folder));
        } else {
            System.out.println("steward demo: site.yml failed (exit " + code + "); the hosts stay up: "
                    + "bin/steward play " + site + " -i " + inventory + " --vault-password-file " + passwordFile
                    + " to retry, bin/steward demo --down --dir " + dir + " to remove them");
        }
        System.out.flush();
        return code;
    }

    private static int play(Engine engine, Path playbook, Path inventory, Optional<String> limit) throws InterruptedException {
        return engine.play(new PlayRequest(playbook, inventory, limit, 10, List.of(),
                new ConsoleReporter(System.out, 0))).exitCode();
    }

    /** The inventory, in inventory.example's names; SSH as the lab's user, who is also the operator. */
    static String inventory(List<LabHost> hosts, LabKeyPair key, Path nodeTar, Path folder) {
        LabHost db = hosts.get(2);
        LabHost eth = hosts.get(3);
        StringBuilder yaml = new StringBuilder()
                .append("# written by `steward demo`: the Chainlink stack on the lab ").append(LAB.prefix())
                .append(" (lab hosts are disposable).\n")
                .append("# Secrets are in group_vars/all/vault.yml; its password is in .vault-pass.\n")
                .append("all:\n")
                .append("  vars:\n")
                .append("    stage: lab\n")
                .append("    # the lab's user is the operator: base.yml proves its key login, then turns root and passwords off\n")
                .append("    operator_user: steward\n")
                .append("    operator_keys: [\"").append(key.publicKeyText().strip()).append("\"]\n")
                .append("    operator_key_file: id_ed25519\n")
                .append("    docker_source: distro\n")
                .append("    db_name: chainlink\n")
                .append("    db_user: chainlink\n")
                .append("    db_port: 5432\n")
                .append("  ssh: {user: steward, private_key: id_ed25519, known_hosts: known_hosts, host_key_checking: accept-new}\n")
                .append("  children:\n")
                .append("    chainlink:\n")
                .append("      hosts:\n");
        for (int i = 0; i < 2; i++) {
            yaml.append(hostLine(HOSTS.get(i), hosts.get(i)));
        }
        yaml.append("      vars:\n")
                .append("        chainlink_image: steward-standin/chainlink   # the stand-in (lab-images/); smartcontract/chainlink for real\n")
                .append("        chainlink_version: \"").append(VERSION).append("\"\n")
                .append("        chainlink_image_tar: \"").append(nodeTar).append("\"\n")
                .append("        db_host: ").append(db.address()).append("\n")
                .append("        db_sslmode: verify-full\n")
                .append("        db_ca_cert: \"").append(folder.resolve("pki/postgres-ca.crt")).append("\"\n")
                .append("        chainlink_chains:\n")
                .append("          - chain_id: ").append(CHAIN_ID).append("\n")
                .append("            nodes:\n")
                .append("              - {name: eth1, http: \"http://").append(eth.address()).append(":8545\", ws: \"ws://")
                .append(eth.address()).append(":8546\"}\n")
                .append("    postgres:\n")
                .append("      hosts:\n")
                .append(hostLine(HOSTS.get(2), db))
                .append("    eth:\n")
                .append("      hosts:\n")
                .append(hostLine(HOSTS.get(3), eth));
        return yaml.toString();
    }

    private static String hostLine(String name, LabHost host) {
        return "        " + name + ": {address: " + host.address() + ", ssh: {host: " + host.sshHost() + ", port: "
                + host.sshPort() + "}}\n";
    }

    /** A demo-only play: Docker on eth1 (docker.yml), then the RPC stand-in loaded from its tar and run. */
    static String ethPlaybook(Path playbooks, Path rpcTar) {
        return """
                # written by `steward demo`: the Ethereum JSON-RPC stand-in on the eth host, run with --limit eth
                - import_playbook: "%s"

                - name: Ethereum JSON-RPC stand-in (8545 HTTP, 8546 WebSocket)
                  hosts: eth
                  become: true
                  gather_facts: false
                  tasks:
                    - name: The RPC stand-in image, loaded from the controller's tar
                      docker_image:
                        name: steward-standin/rpc:latest
                        load: "%s"

                    - name: The RPC stand-in runs (chain %d)
                      shell: |
                        if [ "$(docker inspect --format '{{.State.Running}}' rpc 2>/dev/null)" = true ]; then echo running; exit 0; fi
                        docker rm -f rpc >/dev/null 2>&1 || true
                        docker run -d --name rpc --restart unless-stopped --network host -e CHAIN_ID=%d steward-standin/rpc:latest >/dev/null
                        echo started
                      register: rpc
                      changed_when: rpc.stdout?trim == "started"
                """.formatted(playbooks.resolve("docker.yml"), rpcTar, CHAIN_ID, CHAIN_ID);
    }

    /** db_password, keystore_password, api_email, api_password, made once: a second run keeps them (changed=0). */
    private static void writeSecretsOnce(Path passwordFile, Path vaultFile) throws IOException {
        if (Files.isRegularFile(passwordFile) && Files.isRegularFile(vaultFile)) {
            return;
        }
        String password = random(32);
        Files.createDirectories(passwordFile.getParent());
        PrivateFiles.write(passwordFile, password + "\n");
        String plain = "# made by `steward demo`: random secrets for the demo's stack\n"
                + "db_password: \"" + random(24) + "\"\n"
                + "keystore_password: \"" + random(24) + "\"\n"
                + "api_email: \"operator@steward.demo\"\n"
                + "api_password: \"" + random(24) + "\"\n";
        Files.createDirectories(vaultFile.getParent());
        PrivateFiles.write(vaultFile, StewardVault.encrypt(plain, VaultPassword.Secret.of(password)));
    }

    private static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** Which node answers /health on its own 127.0.0.1:6688 (the lease holder), polled until exactly one does. */
    static Optional<String> leaseHolder(DockerCli docker, List<LabHost> hosts) throws InterruptedException {
        for (int attempt = 0; attempt < 30; attempt++) {
            List<String> serving = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                if (!health(docker, hosts.get(i).container()).equals("000")) {
                    serving.add(HOSTS.get(i));
                }
            }
            if (serving.size() == 1) {
                return Optional.of(serving.get(0));
            }
            Thread.sleep(1000);
        }
        return Optional.empty();
    }

    static String health(DockerCli docker, String container) {
        DockerResult r = docker.run(Duration.ofSeconds(10), "exec", container, "sh", "-c",
                "curl -s -o /dev/null -w '%{http_code}' --max-time 2 http://127.0.0.1:6688/health || true");
        return r.ok() && !r.stdout().isBlank() ? r.stdout().strip() : "000";
    }

    private String summary(List<LabHost> hosts, Path folder) throws InterruptedException {
        DockerCli docker = new DockerCli();
        Optional<String> holder = leaseHolder(docker, hosts);
        String image = "steward-standin/chainlink:" + VERSION;
        StringBuilder s = new StringBuilder("\nThe Chainlink stack runs on the lab " + LAB.prefix() + ":\n");
        for (int i = 0; i < HOSTS.size(); i++) {
            String name = HOSTS.get(i);
            LabHost h = hosts.get(i);
            String runs = switch (i) {
                case 0, 1 -> "Chainlink node " + image + ", "
                        + (holder.filter(name::equals).isPresent() ? "holds the lease, serving on 127.0.0.1:6688"
                                : "standing by (takes the lease if the holder stops)");
                case 2 -> "PostgreSQL with TLS (database chainlink, hostssl for node1 and node2 only)";
                default -> "Ethereum JSON-RPC stand-in, chain " + CHAIN_ID + " (8545 HTTP, 8546 WebSocket)";
            };
            s.append(String.format("  %-6s %-15s %-16s ssh 127.0.0.1:%-6d %s%n", name, h.container(), h.address(),
                    h.sshPort(), runs));
        }
        if (holder.isPresent()) {
            s.append("\nLease holder: ").append(holder.get()).append(" (its 127.0.0.1:6688 answers /health)\n");
            s.append("Operator UI, through an SSH tunnel (6688 listens on the node's loopback only; Ctrl-C ends it):\n");
            s.append("  bin/steward tunnel ").append(holder.get()).append(" -i ").append(folder.resolve("inventory.yml"))
                    .append(" --vault-password-file ").append(folder.resolve(".vault-pass")).append("\n");
            s.append("  then open http://127.0.0.1:6688/ (login: api_email and api_password from the vault)\n");
        } else {
            s.append("\nLease holder: none found yet (not exactly one node answers /health); run `bin/steward demo` again to see\n");
        }
        s.append("\nInventory: ").append(folder.resolve("inventory.yml")).append("\n");
        s.append("Secrets:   bin/steward vault view ").append(folder.resolve("group_vars/all/vault.yml"))
                .append(" --vault-password-file ").append(folder.resolve(".vault-pass")).append("\n");
        s.append("Remove:    bin/steward demo --down --dir ").append(dir).append("\n");
        return s.toString();
    }

    /** The project folder: the parent of target/, where steward.jar (or the classes) live. */
    static Path home() {
        try {
            Path code = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = code.getParent();
            if (target != null && target.getParent() != null
                    && Files.isRegularFile(target.getParent().resolve("playbooks/site.yml"))) {
                return target.getParent();
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through to the working folder
        }
        return Path.of("").toAbsolutePath();
    }
}
