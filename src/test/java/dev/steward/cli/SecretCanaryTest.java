package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.remote.FakeSudo;
import dev.steward.report.Redactor;
import dev.steward.report.SecretFormsAccess;
import dev.steward.secrets.StewardVault;
import dev.steward.secrets.VaultPassword;
import dev.steward.testing.Canary;
import dev.steward.testing.CliRun;
import dev.steward.transport.SshKeygen;
import dev.steward.transport.TestSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets (a vault value and the become password) go through every path a playbook gives a
 * secret — a template, {@code copy content:}, {@code environment:}, {@code stdin:}, output that
 * echoes them in raw, URL, TOML and base64 forms, a failing command, a {@code fail} message — in a
 * run against the in-process SSH server with {@code --diff -vv}, then again with {@code --output json};
 * and {@code check} and {@code inventory --list} of the same project. No form of either appears in
 * stdout, stderr, the JSON, a diff, the retry file, or any command line the server was asked to run
 * (its record misses nothing). The secrets really went through: the files
 * on the "host" hold them, and the output shows their masks.
 */
class SecretCanaryTest {

    private static final Canary VAULTED = Canary.random("CanaryVault");
    private static final Canary BECOME = Canary.random("CanaryBecome");
    private static final String MARKER = "canary-oracle-marker-" + Long.toHexString(System.nanoTime());

    @TempDir
    static Path dir;

    private static TestSshServer server;
    private static Path inventory;
    private static Path playbook;
    private static Path vaultPassword;
    private static Path files;

    @BeforeAll
    static void serverAndProject() throws Exception {
        Path clientKey = SshKeygen.ed25519(dir, "client");
        Path hostKey = SshKeygen.ed25519(dir, "host");
        Path sudo = FakeSudo.install(dir.resolve("fake-bin"), BECOME.value());
        server = TestSshServer.start(TestSshServer.Options.of(hostKey, Path.of(clientKey + ".pub")).withPathPrefix(sudo));
        files = Files.createDirectories(dir.resolve("host-files"));

        vaultPassword = Files.writeString(dir.resolve(".vault-pass"), "canary-vault-pw\n");
        Files.createDirectories(dir.resolve("group_vars"));
        // a name that does not say "secret": only the vault makes it one
        Files.writeString(dir.resolve("group_vars/all.yml"), StewardVault.encrypt(
                "node_value: '" + VAULTED.value() + "'\n", VaultPassword.Secret.of("canary-vault-pw"), 1000));
        inventory = Files.writeString(dir.resolve("inventory.yml"), """
                all:
                  hosts:
                    h1: {ssh: {host: 127.0.0.1, port: %d}}
                  ssh: {user: %s, private_key: "%s", known_hosts: "%s", host_key_checking: accept-new,
                        become_password: '%s'}
                """.formatted(server.port(), TestSshServer.USER, clientKey, dir.resolve("known_hosts"), BECOME.value()));
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/app.conf.ftl"), """
                url = "postgresql://app:${url_userinfo(node_value)}@db:5432/app"
                password = ${toml_string(node_value)}
                """);
        playbook = Files.writeString(dir.resolve("canary.yml"), """
                - hosts: all
                  gather_facts: false
                  become: true
                  vars:
                    out: %1$s
                  tasks:
                    - name: the oracle sees commands (a marker, no secret)
                      command: echo %2$s

                    - name: a template with the secret, URL- and TOML-escaped
                      template: {src: app.conf.ftl, dest: "${out}/app.conf", mode: 0600}

                    - name: copy content with the secret
                      copy: {dest: "${out}/token.txt", content: "token=${node_value}\\n", mode: 0600}

                    - name: copy content without a secret (its diff is shown)
                      copy: {dest: "${out}/plain.txt", content: "plain=1\\n"}

                    - name: the rendered file, read back (its URL and TOML forms in the output)
                      command: cat ${out}/app.conf
                      register: rendered

                    - name: the secret in the environment, echoed raw and in base64
                      shell: printf '%%s\\n' "$CANARY"; printf '%%s' "$CANARY" | base64 -w0
                      environment: {CANARY: "${node_value}"}

                    - name: the secret on stdin, echoed
                      command: {argv: [cat], stdin: "${node_value}"}

                    - name: a message with the secret
                      debug: {msg: "the value is ${node_value} (${url_userinfo(node_value)})"}

                    - name: a failing command that prints the secret
                      shell: echo "bad value $CANARY" >&2; exit 3
                      environment: {CANARY: "${node_value}"}
                      ignore_errors: true

                    - name: a failure whose message holds the secret
                      fail: {msg: "refusing ${node_value}"}
                """.formatted(files, MARKER));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void noFormOfASecretReachesOutputJsonRetryFileOrACommandLine() throws IOException {
        CliRun check = CliRun.of("check", playbook.toString(), "-i", inventory.toString(),
                "--vault-password-file", vaultPassword.toString());
        CliRun list = CliRun.of("inventory", "--list", "-i", inventory.toString(),
                "--vault-password-file", vaultPassword.toString());
        assertThat(check.exitCode()).as(check.printed()).isZero();
        assertThat(list.exitCode()).as(list.printed()).isZero();
        assertThat(list.out()).contains("\"node_value\" : \"********\"");
        CliRun text = play("--diff", "-vv");
        CliRun json = play("--diff", "-vv", "--output", "json");
        assertThat(text.exitCode()).as(text.printed()).isEqualTo(2);
        assertThat(json.exitCode()).as(json.printed()).isEqualTo(2);

        // the secrets really went through: to the host's files, and masked in what was printed
        assertThat(Files.readString(files.resolve("token.txt"))).isEqualTo("token=" + VAULTED.value() + "\n");
        String appConf = Files.readString(files.resolve("app.conf"));
        assertThat(appConf).contains(SecretFormsAccess.urlUserinfo(VAULTED.value()))
                .contains(SecretFormsAccess.tomlBasic(VAULTED.value()));
        assertThat(VAULTED.foundIn(appConf)).as("the canary's oracle finds its escaped forms").isNotNull();
        assertThat(text.out()).contains("fatal: [h1]").contains("refusing ********").contains("bad value ********");
        // a file that holds a secret shows no content in a diff; another file does
        for (CliRun run : List.of(text, json)) {
            assertThat(run.out()).contains("+++ after: " + files.resolve("app.conf"))
                    .contains("+++ after: " + files.resolve("token.txt")).contains(Redactor.SECRET_FILE_NOTE)
                    .doesNotContain("+url = ").doesNotContain("+token=").contains("+plain=1");
        }
        assertThat(json.out()).contains("refusing ********");
        Path retry = retryFile(text);
        assertThat(Files.readString(retry)).isEqualTo("h1\n");

        // the oracle works: the marker command is in the server's record, sudo's wrapping too
        List<String> commands = server.commandsRun();
        assertThat(commands).anyMatch(c -> c.contains(MARKER) && c.startsWith("sudo "));

        for (Canary canary : List.of(VAULTED, BECOME)) {
            canary.assertNotIn("steward check", check.printed());
            canary.assertNotIn("steward inventory --list", list.printed());
            canary.assertNotIn("stdout (text, --diff -vv)", text.out());
            canary.assertNotIn("stderr (text)", text.err());
            canary.assertNotIn("stdout (--output json)", json.out());
            canary.assertNotIn("stderr (json)", json.err());
            canary.assertNotIn("the retry file", Files.readString(retry));
            for (String command : commands) {
                canary.assertNotIn("the command line " + command, command);
            }
        }
    }

    private static CliRun play(String... options) throws IOException {
        // the files again, so each run changes them and shows a diff
        try (var old = Files.list(files)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        List<String> args = new java.util.ArrayList<>(List.of("play", playbook.toString(), "-i", inventory.toString(),
                "--vault-password-file", vaultPassword.toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The file the run named in its "to retry … use: --limit @FILE" warning. */
    private static Path retryFile(CliRun run) {
        Matcher m = Pattern.compile("--limit @(\\S+)").matcher(run.printed());
        assertThat(m.find()).as(run.printed()).isTrue();
        return Path.of(m.group(1));
    }
}
