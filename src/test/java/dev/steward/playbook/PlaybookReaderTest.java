package dev.steward.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.engine.Engine;
import dev.steward.source.Problem;
import dev.steward.source.Problems;
import dev.steward.source.ValidationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict playbook reader: every problem of a file at once, each with its exact file:line:column. */
class PlaybookReaderTest {

    private static final PlaybookReader READER = new PlaybookReader(new Engine().catalog());

    private static Path broken(String name) {
        return Path.of("src/test/resources/playbooks/broken", name);
    }

    private static Path valid(String name) {
        return Path.of("src/test/resources/playbooks/valid", name);
    }

    /** Every problem of the file, as the user reads it: "file:line:column: message (hint)". */
    private static List<String> problems(Path file) {
        Problems problems = new Problems();
        READER.read(file, problems);
        assertThat(problems.isEmpty()).as("problems in %s", file).isFalse();
        return problems.list().stream().map(Problem::toString).toList();
    }

    private static Playbook read(Path file) {
        Problems problems = new Problems();
        Playbook playbook = READER.read(file, problems);
        assertThat(problems.list()).as("problems in %s", file).isEmpty();
        return playbook;
    }

    @Test
    void yamlSyntaxErrorSaysWhereAndWhereTheConstructStarted() {
        Path f = broken("syntax.yml");
        assertThatThrownBy(() -> READER.read(f, new Problems()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).map(Problem::toString).containsExactly(
                        f + ":5:11: YAML syntax error: expected ',' or '}', but got : (while parsing a flow mapping"
                                + " that starts at line 4, column 14)"));
    }

    @Test
    void duplicateKeysPointAtTheSecondAndNameTheFirst() {
        Path f = broken("duplicate-keys.yml");
        assertThat(problems(f)).containsExactly(
                f + ":4:5: duplicate key 'port' (first defined at line 3) (remove one of them)",
                f + ":7:7: duplicate key 'name' (first defined at line 6) (remove one of them)");
    }

    @Test
    void mergeKeyTakesMapsOnly() {
        Path f = broken("merge.yml");
        assertThat(problems(f)).containsExactly(
                f + ":5:11: a merge key (<<) takes a map or a list of maps, not a string");
    }

    @Test
    void mergeKeysWorkAndOwnKeysWin() {
        Playbook p = read(valid("merge-keys.yml"));
        Play play = p.plays().get(0);
        assertThat(play.vars().get("node")).isEqualTo(Map.of("port", 6688L, "log_level", "debug"));
        Task overridden = (Task) play.tasks().get(1);
        assertThat(overridden.args().toValue()).isEqualTo(Map.of("path", "/srv/data", "state", "directory",
                "mode", "0750"));
        assertThat(((Task) play.tasks().get(0)).args().toValue()).isEqualTo(Map.of("path", "/srv/app", "state", "directory"));
    }

    @Test
    void playKeysTypesAndUnsupportedKeywordsAllAtOnceInSourceOrder() {
        Path f = broken("play-keys.yml");
        assertThat(problems(f)).containsExactly(
                f + ":2:3: unknown key 'gather_fact' in play (did you mean 'gather_facts'?)",
                f + ":4:3: Ansible's 'strategy' is not supported by Steward (Steward runs the linear strategy only)",
                f + ":3:11: 'become' in play must be true or false, not 'maybe'",
                f + ":5:10: 'tasks' must be a list of tasks, not a string");
    }

    @Test
    void taskKeywordsModulesAndUnsupportedKeywords() {
        Path f = broken("task-keys.yml");
        assertThat(problems(f)).containsExactly(
                f + ":4:7: unknown module or task keyword 'comand' (did you mean 'command'?)",
                f + ":7:7: a task runs exactly one module, but this one names command and shell (split it into two"
                        + " tasks)",
                f + ":8:7: the task has no module (add one, e.g. 'command: …'; `steward doc` lists them)",
                f + ":12:7: Ansible's 'with_items' is not supported by Steward (write 'loop:' instead)",
                f + ":15:7: unknown module or task keyword 'whn' (did you mean 'when'?)",
                // an unknown keyword does not hide the module's own problems
                f + ":18:7: unknown module or task keyword 'notfy' (did you mean 'notify'?)",
                f + ":17:14: module copy has no parameter 'dst' (did you mean 'dest'?)",
                f + ":17:13: copy needs the parameter 'dest' (the absolute path of the file on the host)");
    }

    @Test
    void moduleParameters() {
        Path f = broken("module-args.yml");
        assertThat(problems(f)).containsExactly(
                f + ":5:9: module copy has no parameter 'dst' (did you mean 'dest'?)",
                f + ":5:9: copy needs the parameter 'dest' (the absolute path of the file on the host)",
                f + ":8:54: 'mode' of file must be an octal mode like 0640 (symbolic modes (u+rw) are not supported)",
                f + ":10:37: 'state' of file must be one of file, directory, absent, link, touch, not 'directry'"
                        + " (did you mean 'directory'?)",
                f + ":12:13: copy takes only one of content, src",
                f + ":14:17: template needs the parameter 'src' (the template: templates/NAME or NAME beside the"
                        + " playbook (.ftl))",
                f + ":16:63: 'force' of file must be true or false");
    }

    @Test
    void expressionsAndNames() {
        Path f = broken("expressions.yml");
        assertThat(problems(f)).containsExactly(
                f + ":4:5: 'bad-name' is not a valid variable name (use letters, digits and _ (FreeMarker reads '-'"
                        + " as minus))",
                f + ":5:5: '2fast' is not a valid variable name (use letters, digits and _ (FreeMarker reads '-' as"
                        + " minus))",
                f + ":9:13: 'when' holds a Jinja expression (write a FreeMarker expression without braces, e.g."
                        + " x == \"y\")",
                f + ":12:17: 'register' needs a variable name, not 'up-time' (use letters, digits and _)",
                f + ":17:11: 'when' must be an expression or a list of them, not a map");
    }

    @Test
    void shapesOfPlaysAndTasks() {
        Path f = broken("play-shapes.yml");
        assertThat(problems(f)).containsExactly(
                f + ":1:3: play must be a map, not a string",
                f + ":2:3: play needs 'hosts'",
                f + ":7:7: task must be a map, not a string",
                f + ":8:6: task must be a map, not null");
    }

    @Test
    void aPlaybookIsAList() {
        Path f = broken("not-a-list.yml");
        assertThat(problems(f)).containsExactly(
                f + ":1:1: a playbook must be a list of plays, not a map (start each play with '- hosts: …')");
    }

    @Test
    void emptyPlaybooks() {
        for (String name : List.of("empty.yml", "comments-only.yml")) {
            Path f = broken(name);
            assertThat(problems(f)).containsExactly(
                    f + ":1:1: the playbook has no plays (add '- hosts: all' and some tasks)");
        }
    }

    @Test
    void missingFile() {
        Path f = broken("no-such-playbook.yml");
        assertThatThrownBy(() -> READER.read(f, new Problems()))
                .isInstanceOf(ValidationException.class)
                .hasMessage(f + ": file not found (check the path)");
    }

    @Test
    void scalarsKeepTheirTextAndAreTypedByTheSchema() {
        Playbook p = read(valid("scalars.yml"));
        Play play = p.plays().get(0);
        assertThat(play.title()).isEqualTo("scalars keep their text");
        assertThat(play.hosts()).isEqualTo("chainlink");
        assertThat(play.become()).contains(true); // yes where a boolean is expected
        assertThat(play.becomeUser()).contains("root");
        assertThat(play.gatherFacts()).isFalse();
        Map<String, Object> vars = play.vars();
        assertThat(vars.get("version")).isEqualTo("2.10");
        assertThat(vars.get("mode")).isEqualTo("0640");
        assertThat(vars.get("octal_looking")).isEqualTo("0755");
        assertThat(vars.get("address")).isEqualTo("0x514910771AF9Ca656af840dff83E8264EcF986CA");
        assertThat(vars.get("answer")).isEqualTo("yes");
        assertThat(vars.get("port")).isEqualTo(6688L);
        assertThat(vars.get("negative")).isEqualTo(-5L);
        assertThat(vars.get("enabled")).isEqualTo(true);
        assertThat(vars).containsEntry("nothing", null);
        assertThat(vars.get("quoted_number")).isEqualTo("6688");
        assertThat(vars.get("float")).isEqualTo("1.5");
        assertThat(vars.get("list")).isEqualTo(List.of(1L, "two", "3.0"));

        Task debug = (Task) play.tasks().get(0);
        assertThat(debug.args().toValue()).isEqualTo(Map.of("msg", "yes")); // yes where a string is expected
        Task copy = (Task) play.tasks().get(1);
        assertThat(copy.title()).isEqualTo("copy");
        assertThat(copy.args().toValue()).isEqualTo(Map.of("dest", "/etc/app/version", "content", "2.10",
                "mode", "0640", "owner", "yes"));
        assertThat(copy.when()).extracting(Expr::text).containsExactly("version == \"2.10\"");
        assertThat(copy.when().get(0).where().toString()).isEqualTo(valid("scalars.yml") + ":27:13");
        assertThat(copy.register()).contains("written");
        assertThat(copy.become()).contains(false);
        assertThat(copy.moduleLocation().toString()).isEqualTo(valid("scalars.yml") + ":22:7");
    }
}
