package dev.steward.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.inventory.Host;
import dev.steward.inventory.InventoryReader;
import dev.steward.remote.Become;
import dev.steward.remote.CommandResult;
import dev.steward.remote.CommandRunner;
import dev.steward.remote.CommandSpec;
import dev.steward.transport.Connection;
import dev.steward.transport.TransportException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself, driven through the real {@link CommandRunner} (sudo protocol included). */
class ScriptedHostsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private Host host(String name) throws IOException {
        Path inventory = dir.resolve("inventory.yml");
        Files.writeString(inventory, "all:\n  hosts:\n    web1:\n    web2:\n");
        return InventoryReader.read(inventory).host(name).orElseThrow();
    }

    private static CommandResult run(Connection c, CommandSpec spec) throws Exception {
        return new CommandRunner(c).run(spec);
    }

    @Test
    void theFirstFittingRuleAnswersAndTimesLimitItPerHost() throws Exception {
        ScriptedHosts hosts = new ScriptedHosts(List.of(
                new AnswerRule("*", Pattern.compile("^probe"), 1, "", "not yet\n", OptionalInt.of(1)),
                AnswerRule.of("web1", "^probe", 0, "ready on {{host}}\n", "")), Map.of());
        Connection web1 = hosts.connect(host("web1"));
        assertThat(run(web1, CommandSpec.of("probe", TIMEOUT))).isEqualTo(new CommandResult(1, "", "not yet\n", false));
        assertThat(run(web1, CommandSpec.of("probe", TIMEOUT)).stdout()).isEqualTo("ready on web1\n");
        Connection web2 = hosts.connect(host("web2"));
        assertThat(run(web2, CommandSpec.of("probe", TIMEOUT)).exitCode()).isEqualTo(1);
        assertThat(run(web2, CommandSpec.of("probe", TIMEOUT))).isEqualTo(new CommandResult(0, "", "", false));
    }

    @Test
    void becomeIsUnwrappedAndAnsweredAsPasswordlessSudoWould() throws Exception {
        ScriptedHosts hosts = new ScriptedHosts(List.of(AnswerRule.of("*", "^id -un$", 0, "root\n", "")), Map.of());
        Connection web1 = hosts.connect(host("web1"));
        CommandResult r = run(web1, new CommandSpec("id -un", new ByteArrayInputStream(
                "it's input\n".getBytes(StandardCharsets.UTF_8)), Optional.of(new Become("postgres", Optional.empty())),
                TIMEOUT));
        assertThat(r).isEqualTo(new CommandResult(0, "root\n", "", false));
        ReceivedCommand received = hosts.commandsOf("web1").get(0);
        assertThat(received.sent()).startsWith("sudo -H -S -p '[steward-sudo-").contains("-u 'postgres'");
        assertThat(received.command()).isEqualTo("id -un");
        assertThat(received.becomeUser()).contains("postgres");
        assertThat(received.stdin()).isEqualTo("it's input\n");
    }

    @Test
    void quotesInsideTheBecomeWrapperSurviveTheRoundTrip() throws Exception {
        ScriptedHosts hosts = ScriptedHosts.healthy();
        Connection web1 = hosts.connect(host("web1"));
        String command = "printf '%s\\n' \"it's\" 'a \"b\"'";
        run(web1, CommandSpec.of(command, TIMEOUT).withBecome(Become.root()));
        assertThat(hosts.commandsOf("web1").get(0).command()).isEqualTo(command);
    }

    @Test
    void factsHaveADebian13DefaultNamedAfterTheHost() throws Exception {
        ScriptedHosts hosts = ScriptedHosts.healthy();
        CommandResult r = run(hosts.connect(host("web2")), CommandSpec.of(
                "if [ -r /etc/os-release ]; then . /etc/os-release; fi; echo \"os_id=${ID:-unknown}\"", TIMEOUT));
        assertThat(r.stdout()).contains("os_id=debian\n", "os_version=13\n", "hostname=web2\n");
    }

    @Test
    void anUnreachableHostRefusesToConnectAndADroppingOneFailsAfterNCommands() throws Exception {
        ScriptedHosts hosts = new ScriptedHosts(List.of(), Map.of(
                "web1", new HostBehaviour(true, OptionalInt.empty()),
                "web2", new HostBehaviour(false, OptionalInt.of(1))));
        assertThatThrownBy(() -> hosts.connect(host("web1"))).isInstanceOf(TransportException.class)
                .extracting(e -> ((TransportException) e).reason()).isEqualTo(TransportException.Reason.CONNECT_FAILED);
        Connection web2 = hosts.connect(host("web2"));
        run(web2, CommandSpec.of("true", TIMEOUT));
        assertThatThrownBy(() -> run(web2, CommandSpec.of("true", TIMEOUT))).isInstanceOf(TransportException.class)
                .extracting(e -> ((TransportException) e).reason()).isEqualTo(TransportException.Reason.DISCONNECTED);
        assertThat(web2.isOpen()).isFalse();
        assertThat(hosts.commandsOf("web2")).hasSize(1);
        assertThat(hosts.contacted()).containsExactlyInAnyOrder("web1", "web2");
    }
}
