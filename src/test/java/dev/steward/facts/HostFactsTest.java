package dev.steward.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HostFactsTest {

    @Test
    void parsesTheOneRoundTripAnswer() {
        Map<String, Object> f = HostFacts.parse("""
                os_id=ubuntu
                os_version=24.04
                os_codename=noble
                os_like=debian
                arch=aarch64
                kernel=6.8.0
                cpus=4
                memory_mb=7940
                disk_free_mb=51234
                hostname=node1
                user=admin
                """);
        assertThat(f.get("os")).isEqualTo(Map.of("id", "ubuntu", "version", "24.04", "codename", "noble",
                "family", "debian"));
        assertThat(f).containsEntry("arch", "aarch64").containsEntry("cpus", 4L).containsEntry("memory_mb", 7940L)
                .containsEntry("disk_free_mb", 51234L).containsEntry("hostname", "node1").containsEntry("user", "admin");
    }

    @Test
    void missingAnswersGiveSafeDefaults() {
        Map<String, Object> f = HostFacts.parse("os_id=alpine\ncpus=\n");
        assertThat(((Map<?, ?>) f.get("os")).get("family")).isEqualTo("alpine");
        assertThat(f).containsEntry("cpus", 0L).containsEntry("memory_mb", 0L);
    }
}
