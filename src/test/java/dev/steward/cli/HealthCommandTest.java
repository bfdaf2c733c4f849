package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.testing.CliRun;
import dev.steward.testing.UnreachableInventory;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCommandTest {

    @TempDir
    Path dir;

    private Path inventoryWithNoListener() throws IOException {
        return UnreachableInventory.writeTo(dir);
    }

    @Test
    void anUnreachableHostExitsThreeAndShowsInEveryOutput() throws IOException {
        Path inventory = inventoryWithNoListener();
        CliRun table = CliRun.of("health", "-i", inventory.toString());
        assertThat(table.exitCode()).isEqualTo(3);
        assertThat(table.out()).contains("web1").contains("ssh").contains("fail").contains("unreachable: web1");

        CliRun prometheus = CliRun.of("health", "-i", inventory.toString(), "--output", "prometheus");
        assertThat(prometheus.exitCode()).isEqualTo(3);
        assertThat(prometheus.out()).contains("# TYPE steward_check gauge")
                .contains("steward_check{host=\"web1\",check=\"ssh\"} 0");

        CliRun json = CliRun.of("health", "-i", inventory.toString(), "--output", "json");
        assertThat(json.out()).contains("\"unreachable\" : [ \"web1\" ]");
    }

    @Test
    void watchChecksAgainEverySecondsUntilItsCount() throws IOException {
        Path inventory = inventoryWithNoListener();
        long started = System.nanoTime();
        CliRun watched = CliRun.of("health", "-i", inventory.toString(), "--watch", "1", "--count", "3");
        assertThat(watched.exitCode()).isEqualTo(3);
        assertThat(watched.out().lines().filter(l -> l.startsWith("== ")).count()).isEqualTo(3);
        assertThat(watched.out().lines().filter(l -> l.contains("unreachable: web1")).count()).isEqualTo(3);
        assertThat(System.nanoTime() - started).as("two waits of a second").isGreaterThan(1_900_000_000L);

        assertThat(CliRun.of("health", "-i", inventory.toString(), "--count", "2").exitCode()).isEqualTo(5);
        assertThat(CliRun.of("health", "-i", inventory.toString(), "--watch", "0").exitCode()).isEqualTo(5);
    }

    @Test
    void anUnknownOutputIsABadOption() throws IOException {
        CliRun run = CliRun.of("health", "-i", inventoryWithNoListener().toString(), "--output", "xml");
        assertThat(run.exitCode()).isEqualTo(5);
    }
}
