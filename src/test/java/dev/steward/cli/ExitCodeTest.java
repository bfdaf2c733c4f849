package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lock.DeployLockedException;
import dev.steward.testing.CliRun;
import dev.steward.testing.UnreachableInventory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The exit codes Ansible documents, for the cases that need no host. */
class ExitCodeTest {

    @TempDir
    Path dir;

    /** An inventory whose only host listens nowhere: any connection attempt would make it unreachable (3). */
    private Path inventoryWithNoListener() throws IOException {
        return UnreachableInventory.writeTo(dir);
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
        CliRun run = CliRun.of("play", playbook.toString(), "-i", inventoryWithNoListener().toString());
        assertThat(run.exitCode()).isEqualTo(4);
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
        CliRun run = CliRun.of("play", playbook.toString(), "-i", inventoryWithNoListener().toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("fatal: [web1]: UNREACHABLE! =>").contains("connection refused");
    }

    @Test
    void badOptionsExitFive() {
        assertThat(CliRun.of("play").exitCode()).isEqualTo(5);
        assertThat(CliRun.of("play", "x.yml", "-i", "inv.yml", "--forks", "many").exitCode()).isEqualTo(5);
        assertThat(CliRun.of("no-such-command").exitCode()).isEqualTo(5);
    }

    @Test
    void aLimitThatMatchesNothingIsAnError() throws IOException {
        Path playbook = Files.writeString(dir.resolve("ok.yml"), "- hosts: all\n  tasks:\n    - command: 'true'\n");
        CliRun run = CliRun.of("play", playbook.toString(), "-i", inventoryWithNoListener().toString(), "-l", "webl");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("webl");
    }

    @Test
    void listTasksAndListHostsShowThePlanWithoutContactingAHost() throws IOException {
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  children:
                    web:
                      hosts:
                        web1: {ssh: {host: 127.0.0.1, port: 1, user: nobody, host_key_checking: off}}
                        web2: {ssh: {host: 127.0.0.1, port: 1, user: nobody, host_key_checking: off}}
                    db:
                      hosts:
                        db1: {ssh: {host: 127.0.0.1, port: 1, user: nobody, host_key_checking: off}}
                """);
        Path playbook = Files.writeString(dir.resolve("site.yml"), """
                - name: Web servers
                  hosts: web
                  tasks:
                    - name: Install nginx
                      command: 'true'
                      tags: [packages]
                    - block:
                        - name: Write the site
                          command: 'true'
                      tags: [config]
                - name: Databases
                  hosts: db
                  tasks:
                    - name: Install postgres
                      command: 'true'
                      tags: [packages]
                """);
        CliRun tasks = CliRun.of("play", playbook.toString(), "-i", inventory.toString(), "--list-tasks", "--tags",
                "packages");
        assertThat(tasks.exitCode()).as(tasks.err()).isZero();
        assertThat(tasks.out()).contains("play #1 (web): Web servers").contains("Install nginx\tTAGS: [packages]")
                .doesNotContain("Write the site").contains("play #2 (db): Databases")
                .contains("Install postgres\tTAGS: [packages]").doesNotContain("UNREACHABLE").doesNotContain("RECAP");

        CliRun hosts = CliRun.of("play", playbook.toString(), "-i", inventory.toString(), "--list-hosts", "-l",
                "web2:db1");
        assertThat(hosts.exitCode()).as(hosts.err()).isZero();
        assertThat(hosts.out()).contains("pattern: web\n    hosts (1):\n      web2\n")
                .contains("pattern: db\n    hosts (1):\n      db1\n").doesNotContain("web1")
                .doesNotContain("Install nginx");
    }

    @Test
    void aLockedHostExitsOneAndAnUnexpectedFailureExits250WithItsTrace() {
        CommandLine cli = new CommandLine(new Main());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertThat(Main.onException(new DeployLockedException("web1 is locked by alice@laptop"), cli, null))
                .isEqualTo(1);
        assertThat(err.toString()).contains("ERROR: web1 is locked by alice@laptop");
        assertThat(Main.onException(new IllegalStateException("boom"), cli, null)).isEqualTo(250);
        assertThat(err.toString()).contains("steward: unexpected error: java.lang.IllegalStateException: boom")
                .contains("    at dev.steward.cli.ExitCodeTest");
    }

    @Test
    void versionAndHelpEverywhere() {
        assertThat(CliRun.of("--version").out()).startsWith("steward ");
        for (String cmd : new String[] {"play", "ping", "inventory", "lab"}) {
            CliRun help = CliRun.of(cmd, "--help");
            assertThat(help.exitCode()).as(cmd).isZero();
            assertThat(help.out()).as(cmd).contains("Usage: steward " + cmd);
            assertThat(CliRun.of(cmd, "--version").out()).as(cmd).startsWith("steward ");
        }
    }
}
