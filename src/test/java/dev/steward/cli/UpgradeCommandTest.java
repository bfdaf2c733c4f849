package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.testing.CliRun;
import dev.steward.testing.ContactCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward upgrade} and {@code steward restore} refusals that need no host: each exits 5 (or 0 for
 * {@code check}) before a single connection to the inventory's hosts (all on a port that counts contacts).
 * The lab behaviour is UpgradeLabTest's.
 */
class UpgradeCommandTest {

    @TempDir
    Path dir;

    private ContactCounter hosts;
    private Path inventory;

    @BeforeEach
    void inventory() throws IOException {
        hosts = new ContactCounter();
        inventory = Files.writeString(dir.resolve("inventory.yml"),
                Files.readString(Path.of("src/test/resources/upgrade/pair-inventory.yml"))
                        .replace("@PORT@", Integer.toString(hosts.port())));
    }

    @AfterEach
    void close() throws IOException {
        hosts.close();
    }

    @Test
    void theShippedPlaybooksPassCheck() {
        for (String playbook : new String[] {"playbooks/upgrade.yml", "playbooks/upgrade-preflight.yml"}) {
            CliRun run = CliRun.of("check", playbook, "-i", inventory.toString(), "-e", "upgrade_to=2.11.0");
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        CliRun restore = CliRun.of("check", "playbooks/restore.yml", "-i", inventory.toString(), "-e",
                "restore_backup=/var/backups/chainlink-upgrade/x.dump");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(hosts.contacts()).isZero();
    }

    @Test
    void aLimitThatSplitsThePairIsRefusedNamingIt() {
        CliRun run = CliRun.of("upgrade", "-i", inventory.toString(), "--limit", "node1", "--yes");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("--limit node1 splits the pair node1, node2 (sharing the database 10.8.0.20/");
        assertThat(hosts.contacts()).isZero();
    }

    @Test
    void withoutYesAndWithoutATerminalItRefuses() {
        CliRun run = CliRun.of("upgrade", "-i", inventory.toString(), "--to", "2.11.0");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("This upgrades node1, node2 to 2.11.0").contains("stdin is not a terminal")
                .contains("--yes");
        CliRun restore = CliRun.of("restore", "-i", inventory.toString(), "--backup", "/var/backups/x.dump");
        assertThat(restore.exitCode()).isEqualTo(5);
        assertThat(restore.err()).contains("This stops node1, node2, overwrites the database 10.8.0.20/")
                .contains("with /var/backups/x.dump").contains("--yes");
        assertThat(hosts.contacts()).isZero();
    }

    @Test
    void aReportFileThatCannotBeWrittenIsABadOptionBeforeAnythingRuns() throws IOException {
        CliRun run = CliRun.of("upgrade", "-i", inventory.toString(), "--to", "2.11.0", "--yes", "--report",
                dir.resolve("no-such-dir/upgrade.html").toString());
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("--report " + dir.resolve("no-such-dir/upgrade.html"))
                .contains("the directory " + dir.resolve("no-such-dir") + " does not exist");
        Path directory = Files.createDirectory(dir.resolve("reports"));
        CliRun toADirectory = CliRun.of("upgrade", "-i", inventory.toString(), "--yes", "--report", directory.toString());
        assertThat(toADirectory.exitCode()).isEqualTo(5);
        assertThat(toADirectory.err()).contains("is a directory; give a file name such as upgrade.html");
        assertThat(hosts.contacts()).isZero();
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void theReportIsWrittenWhenTheUpgradeStops() throws IOException {
        Path report = dir.resolve("upgrade.html");
        CliRun run = CliRun.of("upgrade", "-i", inventory.toString(), "--to", "2.11.0", "--yes", "--report",
                report.toString());
        assertThat(run.exitCode()).as(run.err()).isNotZero().isNotEqualTo(5);
        assertThat(run.err()).contains("the run's picture is in " + report);
        assertThat(Files.readString(report)).contains("→ 2.11.0").contains("Stopped (exit " + run.exitCode() + ")")
                .contains("data-node=\"node1\"").contains("data-node=\"node2\"");
    }

    @Test
    void aVersionThatIsNotSemanticIsABadOption() {
        CliRun run = CliRun.of("upgrade", "-i", inventory.toString(), "--to", "latest", "--yes");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("--to: 'latest' is not a semantic version");
        assertThat(hosts.contacts()).isZero();
    }

    @Test
    void aLimitWithoutChainlinkNodesHasNothingToUpgrade() {
        CliRun run = CliRun.of("upgrade", "-i", inventory.toString(), "--limit", "db1", "--yes");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("no node of the chainlink group is selected");
    }
}
