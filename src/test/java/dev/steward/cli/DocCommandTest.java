package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.module.ModuleRegistry;
import dev.steward.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code steward doc}: the list, one module's page from its metadata, and an unknown module. */
class DocCommandTest {

    @Test
    void listsEveryModuleWithItsSummary() {
        CliRun run = CliRun.of("doc");
        assertThat(run.exitCode()).isZero();
        for (String name : ModuleRegistry.standard().names()) {
            assertThat(run.out()).contains("  " + name + " ");
        }
        assertThat(run.out()).containsPattern("docker_compose +Brings a Docker Compose v2 project up");
    }

    @Test
    void thePageForAnsibleUsersSaysHowEveryModuleDiffers() throws IOException {
        String page = Files.readString(Path.of("docs/ansible-users.md"));
        String modules = page.substring(page.indexOf("### Modules"), page.indexOf("### Inventory"));
        for (String name : ModuleRegistry.standard().names()) {
            assertThat(modules).as("docs/ansible-users.md, section Modules").contains("`" + name + "`");
        }
    }

    @Test
    void aModulePageShowsEachParameterFromTheMetadataAndAnExample() {
        CliRun run = CliRun.of("doc", "docker_compose");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("docker_compose — Brings a Docker Compose v2 project up")
                .contains("  project_src  (path; required; aliases: project_dir)\n      the folder on the host")
                .contains("  state  (string; optional; default: present; choices: present, absent, restarted)")
                .contains("  pull  (string; optional; default: missing; choices: never, missing, always)")
                .contains("  services  (list; optional)")
                .contains("Example:\n\n  - name: The node, from its compose file\n");
        assertThat(CliRun.of("doc", "docker_image").out()).contains("At most one of: load, pull");
    }

    @Test
    void aModuleWithoutAWrittenExampleGetsOneFromItsRequiredParameters() {
        CliRun run = CliRun.of("doc", "copy");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("  dest  (path; required)").contains("Example:\n\n  - copy:\n      dest: <path>\n");
    }

    @Test
    void anUnknownModuleIsABadOptionWithASuggestion() {
        CliRun run = CliRun.of("doc", "docker_compse");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("there is no module 'docker_compse'; did you mean 'docker_compose'?");
        assertThat(run.out()).isEmpty();
    }
}
