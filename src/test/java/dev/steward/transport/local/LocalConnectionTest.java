package dev.steward.transport.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.remote.CommandResult;
import dev.steward.remote.CommandRunner;
import dev.steward.remote.CommandSpec;
import dev.steward.transport.TransportException;
import dev.steward.transport.TransportException.Reason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalConnectionTest {

    private final CommandRunner runner = new CommandRunner(new LocalConnection());

    @Test
    void runsThroughTheShellWithExitCodeAndBothStreams() throws Exception {
        CommandResult result = runner.run(CommandSpec.of("echo out; echo err >&2; exit 4", Duration.ofSeconds(10)));
        assertThat(result).isEqualTo(new CommandResult(4, "out\n", "err\n", false));
    }

    @Test
    void pipesStdin() throws Exception {
        CommandResult result = runner.run(CommandSpec.of("tr a-z A-Z", Duration.ofSeconds(10))
                .withStdin(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8))));
        assertThat(result.stdout()).isEqualTo("HELLO");
    }

    @Test
    void timesOut() {
        assertThatThrownBy(() -> runner.run(CommandSpec.of("sleep 30", Duration.ofMillis(300))))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageContaining("`sleep 30` on localhost")
                .hasMessageContaining("300 ms");
    }
}
