package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit codes Ansible documents, for the cases that need no host. */
class ExitCodeTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static synchronized Run steward(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** An inventory whose only host listens nowhere: any connection attempt would make it unreachable (3). */
    private Path inventoryWithNoListener() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return Files.writeString(dir.resolve("inventory.yml"), """
                all:
                  hosts:
                    web1:
                      ssh: {host: 127.0.0.1, port: %d, user: nobody, host_key_checking: off}
                """.formatted(port));
    }

    @Test
    void anInvalidPlaybookExitsFourWithEveryProblemAndContactsNoHost() throws IOException {
        Path playbook = Files.writeString(dir.resolve("bad.yml"), """
                - hosts: all
                  gather_fact: false
                  tasks:
                    - comand: echo hi
                    - copy: {dst: /tmp/x, content: hi}
                """);
        Run run = steward("play", playbook.toString(), "-i", inventoryWithNoListener().toString());
        assertThat(run.code()).isEqualTo(4);
        assertThat(run.err())
                .contains(playbook + ":2:3: unknown key 'gather_fact' in play (did you mean 'gather_facts'?)")
                .contains(playbook + ":4:7: unknown module or task keyword 'comand' (did you mean 'command'?)")
                .contains(playbook + ":5:14: module copy has no parameter 'dst' (did you mean 'dest'?)")
                .contains("nothing was changed on any host");
        assertThat(run.out()).doesNotContain("UNREACHABLE");
    }

    @Test
    void anUnreachableHostExitsThree() throws IOException {
        Path playbook = Files.writeString(dir.resolve("ok.yml"), "- hosts: all\n  tasks:\n    - command: 'true'\n");
        Run run = steward("play", playbook.toString(), "-i", inventoryWithNoListener().toString());
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.out()).contains("fatal: [web1]: UNREACHABLE! =>").contains("connection refused");
    }

    @Test
    void badOptionsExitFive() {
        assertThat(steward("play").code()).isEqualTo(5);
        assertThat(steward("play", "x.yml", "-i", "inv.yml", "--forks", "many").code()).isEqualTo(5);
        assertThat(steward("no-such-command").code()).isEqualTo(5);
    }

    @Test
    void aLimitThatMatchesNothingIsAnError() throws IOException {
        Path playbook = Files.writeString(dir.resolve("ok.yml"), "- hosts: all\n  tasks:\n    - command: 'true'\n");
        Run run = steward("play", playbook.toString(), "-i", inventoryWithNoListener().toString(), "-l", "webl");
        assertThat(run.code()).isEqualTo(4);
        assertThat(run.err()).contains("webl");
    }

    @Test
    void versionAndHelpEverywhere() {
        assertThat(steward("--version").out()).startsWith("steward ");
        for (String cmd : new String[] {"play", "ping", "inventory", "lab"}) {
            Run help = steward(cmd, "--help");
            assertThat(help.code()).as(cmd).isZero();
            assertThat(help.out()).as(cmd).contains("Usage: steward " + cmd);
            assertThat(steward(cmd, "--version").out()).as(cmd).startsWith("steward ");
        }
    }
}
