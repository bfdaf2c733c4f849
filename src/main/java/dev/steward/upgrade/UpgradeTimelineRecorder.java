package dev.steward.upgrade;

import dev.steward.report.HostResult;
import dev.steward.report.ItemResult;
import dev.steward.report.Recap;
import dev.steward.report.Reporter;
import dev.steward.report.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Records an upgrade's events as one lane per node (through {@link UpgradeSteps}' explicit map), for
 * {@link UpgradeReportHtml}. It sits beside the live reporter (a TeeReporter) behind the engine's
 * redaction, so it sees what the terminal sees and no secret.
 */
public final class UpgradeTimelineRecorder implements Reporter {

    private record Open(UpgradePhase phase, Duration from, String step) {
    }

    private record Failure(String node, String step, String message) {
    }

    private final List<String> nodes;
    private final String to;
    private final LongSupplier nanos;
    private final long startNanos;
    private final Instant start;
    private final Map<String, Open> open = new LinkedHashMap<>();
    private final List<UpgradeTimeline.Segment> segments = new ArrayList<>();
    private String from = "?";
    private Failure failure;

    public UpgradeTimelineRecorder(List<String> nodes, String to) {
        this(nodes, to, System::nanoTime, Instant.now());
    }

    UpgradeTimelineRecorder(List<String> nodes, String to, LongSupplier nanos, Instant start) {
        this.nodes = List.copyOf(nodes);
        this.to = to;
        this.nanos = nanos;
        this.startNanos = nanos.getAsLong();
        this.start = start;
    }

    @Override
    public synchronized void hostResult(HostResult r) {
        if (r.status() == Status.SKIPPED || !nodes.contains(r.host())) {
            return;
        }
        Duration end = now();
        Duration begin = end.minus(r.duration());
        if ((r.status() == Status.FAILED || r.status() == Status.UNREACHABLE) && !r.ignored()) {
            switchTo(r.host(), UpgradePhase.FAILED, begin, r.task());
            if (failure == null) {
                failure = new Failure(r.host(), r.task(), r.message());
            }
            return;
        }
        Optional<UpgradeSteps.StepPhase> phase = UpgradeSteps.phaseOf(r.task(), r.module());
        if (phase.isPresent()) {
            switchTo(r.host(), phase.get().during(), begin, r.task());
            if (phase.get().after() != phase.get().during()) {
                switchTo(r.host(), phase.get().after(), end, r.task());
            }
        }
    }

    @Override
    public synchronized void itemResult(ItemResult r) {
        if (!nodes.contains(r.label()) || r.status() == Status.SKIPPED) {
            return;
        }
        String stdout = String.valueOf(r.data().getOrDefault("stdout", "")).trim();
        if (r.task().equals(UpgradeSteps.WHERE_EACH_NODE_STANDS) && !open.containsKey(r.label())) {
            // "holder 2.10.0", "standby 2.10.0" or "stopped 2.10.0": where the lane starts, and the version rolled from
            String[] roleAndVersion = stdout.split(" ", 2);
            if (roleAndVersion.length == 2) {
                if (roleAndVersion[0].equals("holder") || "?".equals(from)) {
                    from = roleAndVersion[1];
                }
                UpgradePhase phase = switch (roleAndVersion[0]) {
                    case "holder" -> UpgradePhase.SERVING;
                    case "stopped" -> UpgradePhase.STOPPED; // an interrupted upgrade, continued
                    default -> UpgradePhase.WAITING;
                };
                switchTo(r.label(), phase, now(), r.task());
            }
        } else if (r.task().equals(UpgradeSteps.TAKEOVER) && stdout.equals("serving")) {
            switchTo(r.label(), UpgradePhase.SERVING, now(), r.task());
        }
    }

    @Override
    public void warning(String message) {
    }

    @Override
    public void recap(Recap recap) {
    }

    /** The timeline up to now, with how the run ended (by its exit code); the open phases end now. */
    public synchronized UpgradeTimeline timeline(int exitCode) {
        Duration end = now();
        List<UpgradeTimeline.Segment> all = new ArrayList<>(segments);
        open.forEach((node, o) -> all.add(new UpgradeTimeline.Segment(node, o.phase(), o.from(), end, o.step())));
        all.sort(java.util.Comparator.comparing(UpgradeTimeline.Segment::from));
        UpgradeTimeline.Outcome outcome = exitCode == 0 ? new UpgradeTimeline.Finished()
                : exitCode == 99 ? new UpgradeTimeline.Interrupted()
                : failure != null ? new UpgradeTimeline.Failed(exitCode, failure.node(), failure.step(), failure.message())
                : new UpgradeTimeline.Failed(exitCode, "", "", "");
        return new UpgradeTimeline(start, end, from, to, nodes, all, outcome);
    }

    private void switchTo(String node, UpgradePhase phase, Duration at, String step) {
        Open previous = open.get(node);
        if (previous != null) {
            if (previous.phase() == phase && phase != UpgradePhase.FAILED) {
                return; // the same phase goes on (compose file, then recreate: one "starting")
            }
            if (at.compareTo(previous.from()) < 0) {
                at = previous.from(); // a step's start is measured back from its end: never before the last change
            }
            if (at.compareTo(previous.from()) > 0) {
                segments.add(new UpgradeTimeline.Segment(node, previous.phase(), previous.from(), at, previous.step()));
            }
        }
        open.put(node, new Open(phase, at, step));
    }

    private Duration now() {
        return Duration.ofNanos(nanos.getAsLong() - startNanos);
    }
}
