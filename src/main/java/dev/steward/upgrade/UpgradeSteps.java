package dev.steward.upgrade;

import java.util.Map;
import java.util.Optional;

/**
 * The explicit map from playbooks/upgrade.yml's step names to the phase a node is in during the step and
 * after it (the picture is never guessed from free text). upgrade.yml says so beside its tasks; renaming a
 * step there means renaming it here (UpgradeStepsTest fails otherwise).
 */
public final class UpgradeSteps {

    /** The phase during a step, and the one the node stays in after it. */
    public record StepPhase(UpgradePhase during, UpgradePhase after) {
    }

    /** The preflight's loop over the pair: each item's stdout is "holder VERSION" or "standby VERSION". */
    public static final String WHERE_EACH_NODE_STANDS = "Where each node stands (role and running version)";
    /** The holder's wait for the takeover: an item (an upgraded node) whose stdout is "serving" took the lease. */
    public static final String TAKEOVER = "Holder — wait until an upgraded node holds the lease and answers /health 200";

    static final Map<String, StepPhase> STEPS = Map.ofEntries(
            step("Standby — compose file on the new version", UpgradePhase.STARTING),
            step("Standby — recreate the container", UpgradePhase.STARTING),
            step("Standby — check it stays up and waits for the lease", UpgradePhase.WAITING),
            Map.entry("Holder — back up the database (pg_dump -F c, with the version it belongs to)",
                    new StepPhase(UpgradePhase.BACKUP, UpgradePhase.SERVING)),
            Map.entry("Holder — stop it (an upgraded standby takes the lease)",
                    new StepPhase(UpgradePhase.STOPPING, UpgradePhase.STOPPED)),
            step(TAKEOVER, UpgradePhase.STOPPED),
            // started again, it waits for the lease like any node; whether it gets to serve (it does not on a
            // database an upgraded node migrated) is not this step's to say
            Map.entry("Holder — start the old container again", new StepPhase(UpgradePhase.STARTING, UpgradePhase.WAITING)),
            step("Holder — compose file on the new version", UpgradePhase.STARTING),
            step("Holder — recreate the container (now a standby)", UpgradePhase.STARTING),
            step("Holder — check it stays up and waits for the lease", UpgradePhase.WAITING));

    private UpgradeSteps() {
    }

    /** The phase of a step by its name, or of the play's health gate (module health_check); empty for the rest. */
    public static Optional<StepPhase> phaseOf(String task, String module) {
        if ("health_check".equals(module)) {
            return Optional.of(new StepPhase(UpgradePhase.CHECKING, UpgradePhase.WAITING));
        }
        return Optional.ofNullable(STEPS.get(task));
    }

    private static Map.Entry<String, StepPhase> step(String name, UpgradePhase phase) {
        return Map.entry(name, new StepPhase(phase, phase));
    }
}
