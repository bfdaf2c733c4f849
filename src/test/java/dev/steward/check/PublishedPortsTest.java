package dev.steward.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped stack against the published-ports rule: {@code steward check playbooks/site.yml} finds
 * nothing published on all interfaces, with published ports (the default) and with host networking;
 * and the rule really reads the shipped compose template: a copy of the project whose template
 * publishes 6688 on every interface is refused, naming the template's line and the port. (The
 * rule's cases, flagged and declared public, are in the check corpus.)
 */
class PublishedPortsTest {

    private static final Path INVENTORY = Path.of("src/test/resources/preflight/static/01-valid/inventory.yml");

    @TempDir
    Path work;

    private Path inventory() throws IOException {
        Path inv = work.resolve("inventory.yml");
        // nothing listens on port 9: check never connects anyway
        Files.writeString(inv, Files.readString(INVENTORY).replace("@PORT@", "9"));
        return inv;
    }

    private static CliRun check(Path playbook, Path inventory, String... more) {
        return CliRun.of(Stream.concat(Stream.of("check", playbook.toString(), "-i", inventory.toString()), Stream.of(more))
                .toArray(String[]::new));
    }

    @Test
    void theShippedStackPublishesNothingOnAllInterfaces() throws IOException {
        Path inv = inventory();
        for (List<String> more : List.of(List.<String>of(), List.of("-e", "chainlink_networking=host"))) {
            CliRun run = check(Path.of("playbooks/site.yml"), inv, more.toArray(String[]::new));
            assertThat(run.err()).as(more.toString()).doesNotContain("published on all interfaces");
        }
    }

    @Test
    void aShippedComposeTemplateThatPublishesOnAllInterfacesIsRefused() throws IOException {
        Path project = work.resolve("project");
        copy(Path.of("playbooks"), project.resolve("playbooks"));
        copy(Path.of("templates"), project.resolve("templates"));
        Path compose = project.resolve("templates/chainlink/docker-compose.yml.ftl");
        String text = Files.readString(compose);
        assertThat(text).contains("- \"127.0.0.1:6688:6688\"");
        Files.writeString(compose, text.replace("- \"127.0.0.1:6688:6688\"", "- \"6688:6688\""));
        int line = (int) text.substring(0, text.indexOf("- \"127.0.0.1:6688:6688\"")).lines().count();

        CliRun run = check(project.resolve("playbooks/site.yml"), inventory());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
        assertThat(run.err()).contains(compose + ":" + line + ":9: port 6688 of service chainlink is published on all"
                + " interfaces (\"6688:6688\", for node1, node2): Docker's published ports go around the firewall (ufw)"
                + " (bind it to the loopback (\"127.0.0.1:6688:6688\") and reach it with steward tunnel, or, if the world"
                + " must reach it, declare it public on the host or its group: public_ports: [6688])");
        // declared public on the chainlink group: accepted
        Path declared = work.resolve("declared.yml");
        Files.writeString(declared, Files.readString(inventory()).replace("        chainlink_image:",
                "        public_ports: [6688]\n        chainlink_image:"));
        assertThat(check(project.resolve("playbooks/site.yml"), declared).err()).doesNotContain("published on all interfaces");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
