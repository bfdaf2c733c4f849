package dev.steward.upgrade;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A recorded upgrade, for the --report picture: when it started, how long it took, the versions, one lane
 * per node with its phases in order (offsets from the start), and how it ended.
 */
public record UpgradeTimeline(Instant start, Duration total, String from, String to, List<String> nodes,
        List<Segment> segments, Outcome outcome) {

    public UpgradeTimeline {
        nodes = List.copyOf(nodes);
        segments = List.copyOf(segments);
    }

    /** One stretch of a node's lane. */
    public record Segment(String node, UpgradePhase phase, Duration from, Duration to, String step) {
    }

    /** How the run ended. */
    public sealed interface Outcome permits Finished, Failed, Interrupted {
    }

    /** Every node runs the new version. */
    public record Finished() implements Outcome {
    }

    /** A step failed (node and step empty when the failure came before any node's step, e.g. the lock). */
    public record Failed(int exitCode, String node, String step, String message) implements Outcome {
    }

    /** Ctrl-C (or a signal): the step in flight finished, the rest did not run. */
    public record Interrupted() implements Outcome {
    }
}
