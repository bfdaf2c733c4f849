package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.module.ModuleRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code steward doc}: the list, one module's page from its metadata, and an unknown module. */
class DocCommandTest {

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

    @Test
    void listsEveryModuleWithItsSummary() {
        Run run = steward("doc");
        assertThat(run.code()).isZero();
        for (String name : ModuleRegistry.standard().names()) {
            assertThat(run.out()).contains("  " + name + " ");
        }
        assertThat(run.out()).containsPattern("docker_compose +Brings a Docker Compose v2 project up");
    }

    @Test
    void aModulePageShowsEachParameterFromTheMetadataAndAnExample() {
        Run run = steward("doc", "docker_compose");
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .startsWith("docker_compose — Brings a Docker Compose v2 project up")
                .contains("  project_src  (path; required; aliases: project_dir)\n      the folder on the host")
                .contains("  state  (string; optional; default: present; choices: present, absent, restarted)")
                .contains("  pull  (string; optional; default: missing; choices: never, missing, always)")
                .contains("  services  (list; optional)")
                .contains("Example:\n\n  - name: The node, from its compose file\n");
        assertThat(steward("doc", "docker_image").out()).contains("At most one of: load, pull");
    }

    @Test
    void aModuleWithoutAWrittenExampleGetsOneFromItsRequiredParameters() {
        Run run = steward("doc", "copy");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("  dest  (path; required)").contains("Example:\n\n  - copy:\n      dest: <path>\n");
    }

    @Test
    void anUnknownModuleIsABadOptionWithASuggestion() {
        Run run = steward("doc", "docker_compse");
        assertThat(run.code()).isEqualTo(5);
        assertThat(run.err()).contains("there is no module 'docker_compse'; did you mean 'docker_compose'?");
        assertThat(run.out()).isEmpty();
    }
}
