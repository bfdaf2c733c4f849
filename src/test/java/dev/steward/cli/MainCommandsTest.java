package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.testing.CliRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Main registers only the subcommand named (a faster start), and every one for the help and unknown words. */
class MainCommandsTest {

    @Test
    void aNamedCommandIsTheOnlyOneRegistered() {
        assertThat(Main.commandsFor("play", "site.yml")).containsExactly(PlayCommand.class);
        assertThat(Main.commandsFor("vault", "encrypt")).containsExactly(VaultCommand.class);
    }

    @Test
    void helpNoCommandAndUnknownWordsRegisterEveryCommand() {
        assertThat(Main.commandsFor()).isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsFor("--help")).isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsFor("help", "play")).isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsFor("plya")).isEqualTo(Main.COMMANDS);
    }

    @Test
    void everyCommandIsNamedInTheTopLevelHelp() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        for (Class<?> command : Main.COMMANDS) {
            assertThat(run.out() + run.err()).contains("  " + command.getAnnotation(CommandLine.Command.class).name());
        }
    }

    @Test
    void helpOfACommandAndAnUnknownCommandStillWork() {
        assertThat(CliRun.of("help", "play").out()).contains("Usage: steward play");
        assertThat(CliRun.of("play", "--help").out()).contains("Usage: steward play");
        CliRun typo = CliRun.of("plya");
        assertThat(typo.exitCode()).isEqualTo(5);
        assertThat(typo.err()).contains("Unmatched argument at index 0: 'plya'").contains("steward --help");
    }
}
