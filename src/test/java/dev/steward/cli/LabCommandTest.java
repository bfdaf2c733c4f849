package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.lab.LabHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Option handling of {@code steward lab}; nothing here reaches Docker. */
class LabCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new LabCommand());
        command.setErr(new PrintWriter(err, true));
        command.setOut(new PrintWriter(new StringWriter(), true));
        return command.execute(args);
    }

    @Test
    void anUnknownSuiteIsABadOption() {
        assertThat(run("up", "--suite", "sid")).isEqualTo(5);
        assertThat(err.toString()).contains("unknown suite 'sid': use one of trixie, bookworm");
    }

    @Test
    void theHostCountIsBounded() {
        assertThat(run("up", "--hosts", "0")).isEqualTo(5);
        assertThat(err.toString()).contains("--hosts must be between 1 and 20");
    }

    @Test
    void labAloneShowsItsSubcommands() {
        assertThat(run()).isEqualTo(5);
        assertThat(err.toString()).contains("up", "status", "down");
    }

    @Test
    void theTableAlignsColumnsAndShowsDashesForStoppedHosts() {
        String table = LabHostTable.render(List.of(
                new LabHost("lab1", "steward-lab-1", "a", "trixie", "running", "127.0.0.1", 32768, "172.17.0.2"),
                new LabHost("lab2", "steward-lab-2", "b", "trixie", "exited", "127.0.0.1", 0, "")));

        assertThat(table).isEqualTo("""
                HOST  CONTAINER      SUITE   STATE    SSH              ADDRESS
                lab1  steward-lab-1  trixie  running  127.0.0.1:32768  172.17.0.2
                lab2  steward-lab-2  trixie  exited   -                -
                """);
    }
}
