package dev.steward.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The --report picture's map names steps that the shipped upgrade playbooks have (a rename breaks it). */
class UpgradeStepsTest {

    @Test
    void everyMappedStepIsAStepOfTheShippedPlaybooks() throws IOException {
        String playbooks = Files.readString(Path.of("playbooks/upgrade.yml"))
                + Files.readString(Path.of("playbooks/upgrade-preflight.yml"));
        for (String step : UpgradeSteps.STEPS.keySet()) {
            assertThat(playbooks).as(step).contains("- name: " + step + "\n");
        }
        assertThat(playbooks).contains("- name: " + UpgradeSteps.WHERE_EACH_NODE_STANDS + "\n")
                .contains("- name: " + UpgradeSteps.TAKEOVER + "\n");
    }
}
