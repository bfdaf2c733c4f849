package dev.steward.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.source.Problem;
import dev.steward.source.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryErrorsTest {

    @TempDir
    Path dir;

    private static List<String> problems(Path file) {
        try {
            new InventoryReader(InventoryFixtures.TESTER).readFile(file);
        } catch (ValidationException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected problems in " + file);
    }

    @Test
    void everyProblemIsCollectedWithFileLineAndColumn() {
        Path file = InventoryFixtures.file("errors/several.yml");
        assertThat(problems(file)).containsExactly(
                file + ":5:9: unknown key 'hots' in the ssh settings of host 'web1' (did you mean 'host'?)",
                file + ":6:15: ssh 'port' of host 'web1' must be a whole number from 1 to 65535, not 'twenty-two'",
                file + ":8:7: unknown key 'adress' in host 'web2' (did you mean 'address'?)",
                file + ":10:28: ssh 'host_key_checking' of host 'web2' must be strict, accept-new or off, not"
                        + " 'accept_new' (did you mean 'accept-new'?)");
    }

    @Test
    void unknownGroupKeyAndTopLevelKey() throws IOException {
        Path file = write("inventory.yml", """
                all:
                  childern:
                    web: {}
                webservers: {}
                """);
        assertThat(problems(file)).containsExactly(
                file + ":2:3: unknown key 'childern' in group 'all' (did you mean 'children'?)",
                file + ":4:1: unknown top-level key 'webservers' in the inventory (the inventory has one"
                        + " top-level key, 'all'; groups go under all: children:)");
    }

    @Test
    void wrongTypesAreProblems() throws IOException {
        Path file = write("inventory.yml", """
                all:
                  hosts:
                    web1:
                      vars: [a, b]
                      ssh:
                        host: [10.0.0.1]
                """);
        assertThat(problems(file)).containsExactly(
                file + ":4:13: 'vars' in host 'web1' must be a map, not a list",
                file + ":6:15: ssh 'host' of host 'web1' must be a value, not a list");
    }

    @Test
    void aHostDefinedTwiceWithConflictingSettingsNamesBothPlacesButNoValues() throws IOException {
        Path file = write("inventory.yml", """
                all:
                  children:
                    web:
                      hosts:
                        web1: {ssh: {password: first-secret, port: 22}}
                    db:
                      hosts:
                        web1: {ssh: {password: second-secret, port: 22}}
                """);
        assertThat(problems(file)).containsExactly(file + ":8:32: host 'web1' sets 'ssh.password' differently"
                + " here and at " + file + ":5:32 (define it in one place)");
    }

    @Test
    void groupsAtTheSameDistanceMustNotDisagreeOnSshSettings() throws IOException {
        Path file = write("inventory.yml", """
                all:
                  children:
                    web:
                      ssh: {user: deploy}
                      hosts: {app1: }
                    db:
                      ssh: {user: postgres}
                      hosts: {app1: }
                """);
        assertThat(problems(file)).containsExactly(file + ":5:15: host 'app1' gets different ssh 'user' settings"
                + " from groups web and db (set ssh user on the host, or on only one of these groups)");
    }

    @Test
    void circularJumpsAndNameClashes() throws IOException {
        Path file = write("inventory.yml", """
                all:
                  hosts:
                    a: {ssh: {jump: b}}
                    b: {ssh: {jump: a}}
                  children:
                    c:
                      hosts: {c: }
                """);
        assertThat(problems(file)).containsExactly(
                file + ":7:15: 'c' is both a host and a group (defined at " + file + ":6:5) (rename one: host"
                        + " patterns like --limit c must mean one thing)",
                file + ":3:21: ssh jump hosts go round in a circle: a -> b -> a (one of them must be reachable"
                        + " directly)",
                file + ":4:21: ssh jump hosts go round in a circle: b -> a -> b (one of them must be reachable"
                        + " directly)");
    }

    @Test
    void ansibleConnectionVariablesAmongPlainVariablesSayWhereTheyBelong() throws IOException {
        Path file = write("inventory.yml", """
                all:
                  hosts:
                    web1:
                """);
        Files.createDirectories(dir.resolve("group_vars"));
        Path groupVars = Files.writeString(dir.resolve("group_vars/all.yml"), "ansible_user: deploy\nntp: pool\n");
        assertThat(problems(file)).containsExactly(groupVars + ":1:1: 'ansible_user' is an Ansible connection"
                + " variable (connection settings go in the inventory: ssh: user (or ansible_user in an INI"
                + " inventory))");
    }

    @Test
    void malformedIniTokensAreNotEchoedAsTheyMayBeSecrets() throws IOException {
        Path file = write("hosts.ini", "[web]\nweb1 ansible_password hunter2\n");
        assertThat(problems(file)).hasSize(2).allSatisfy(p -> assertThat(p).doesNotContain("hunter2"));
    }

    @Test
    void aMissingFileSaysSo() {
        assertThatThrownBy(() -> InventoryReader.read(dir.resolve("nope.yml")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("inventory file not found");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
