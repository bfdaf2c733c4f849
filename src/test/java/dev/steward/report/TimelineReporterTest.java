package dev.steward.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimelineReporterTest {

    @Test
    void oneLinePerNodePerStepWithElapsedTimesSkippedStepsLeftOut() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        TimelineReporter t = new TimelineReporter(new PrintStream(buffer, true, StandardCharsets.UTF_8), now::get);
        t.playStarted("Roll", List.of("lab1", "lab2"));
        t.taskStarted("Standby — recreate the container", "upgrade.yml:50:9");
        now.set(4_200_000_000L);
        t.hostResult(new HostResult("lab1", "Standby — recreate the container", "docker_compose", Status.CHANGED, "",
                Map.of(), Duration.ofMillis(4100), false));
        t.hostResult(new HostResult("lab2", "Standby — recreate the container", "docker_compose", Status.SKIPPED,
                "condition false", Map.of(), Duration.ZERO, false));
        now.set(61_000_000_000L);
        t.hostResult(new HostResult("lab2", "Holder — stop the upgrade", "fail", Status.FAILED,
                "upgrade stopped: node lab2\nNext: …", Map.of(), Duration.ofMillis(3), false));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(out.lines().toList()).containsExactly(
                "    0.0s  == Roll (lab1, lab2)",
                String.format("%8s  %-8s %-66s %-9s %s", "4.2s", "lab1", "Standby — recreate the container", "changed",
                        "4.1s"),
                String.format("%8s  %-8s %-66s %-9s %s", "61.0s", "lab2", "Holder — stop the upgrade", "FAILED", "0.0s"),
                "           upgrade stopped: node lab2",
                "           Next: …");
    }
}
