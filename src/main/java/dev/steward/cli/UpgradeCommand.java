package dev.steward.cli;

import dev.steward.engine.Engine;
import dev.steward.engine.PlayRequest;
import dev.steward.engine.RunSummary;
import dev.steward.inventory.Host;
import dev.steward.playbook.Play;
import dev.steward.report.JsonReporter;
import dev.steward.report.Reporter;
import dev.steward.report.TeeReporter;
import dev.steward.report.TimelineReporter;
import dev.steward.upgrade.UpgradeTimelineRecorder;
import dev.steward.template.SemanticVersion;
import dev.steward.upgrade.Pairs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "upgrade", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Rolls a Chainlink version out over each pair, one node at a time, the service up throughout:",
                "runs playbooks/upgrade.yml (read it; add your own steps there).",
                "Preflight, before anything changes: the pair whole (one lease holder, a running standby),",
                "not a downgrade (the database's recorded version), disk room, the new image on every node,",
                "the config validated with the new version. Then the standbys are recreated on the new",
                "version, a pg_dump backup is taken on the postgres host (path printed, for",
                "`steward restore`), the holder stops, an upgraded node must take the lease and answer",
                "/health 200 several times in a row, and the old holder is recreated as a standby.",
                "A failed check stops it (exit 2) naming the node, the step, the check and what to do",
                "next; running it again continues where it stopped (each step checks before it acts:",
                "a node already on the new version is not restarted). After a killed run (even with the",
                "old holder stopped), a node stopped while every running node already runs the new",
                "version is taken as an interrupted upgrade: it says so and recreates that node.",
                "",
                "It takes the deploy lock on every target host first, as play does: while another run",
                "holds one it refuses (exit 1), naming that run; a lock left by a run killed on this",
                "machine (its process gone) is taken over, saying so; --break-lock removes any other",
                "stale lock.",
                "",
                "Exit codes: 0 done; 1 a host is locked by another run (nothing changed); 2 a check",
                "failed or the upgrade was refused (nothing changed before the first node); 3 a host",
                "was unreachable; 4 invalid inventory or playbook; 5 bad options (--limit splitting a",
                "pair, no --yes without a terminal); 99 interrupted (the step in flight finished, the",
                "locks released; run it again to continue)."})
final class UpgradeCommand implements Callable<Integer> {

    enum Output { text, json }

    @Mixin
    InventoryOption hosts;

    @Mixin
    VaultPasswordOption vault;

    @Option(names = "--to", paramLabel = "VERSION",
            description = "the version to roll out (default: the inventory's chainlink_version)")
    String to;

    @Option(names = {"-C", "--check"}, description = "print the plan (order, steps, checks) after the preflight; change nothing")
    boolean check;

    @Option(names = "--break-lock", description = "remove the deploy lock another run left (crashed, killed, or its machine down; "
            + "each one removed is named), then take it; a run killed on this machine needs no --break-lock: "
            + "its lock is taken over")
    boolean breakLock;

    @Option(names = "--yes", description = "do not ask (needed when stdin is not a terminal)")
    boolean yes;

    @Option(names = "--accept-outage", description = "go on when the pair is not whole (no standby ready to take over)")
    boolean acceptOutage;

    @Option(names = "--output", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (a line per node per step, with elapsed times) or json (the same, as events)")
    Output output;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "also write the run as a picture: one lane per node across time (serving, stopping, "
                    + "starting, waiting for the lease, failed), the versions and the outcome; written when it fails too")
    Path report;

    @Override
    public Integer call() throws Exception {
        Optional<String> unwritable = UpgradeReportFile.problem(report);
        if (unwritable.isPresent()) {
            System.err.println("steward: --report " + report + ": " + unwritable.get());
            return RunSummary.BAD_OPTIONS;
        }
        if (to != null) {
            try {
                SemanticVersion.parse(to);
            } catch (IllegalArgumentException e) {
                System.err.println("steward: --to: " + e.getMessage());
                return RunSummary.BAD_OPTIONS;
            }
        }
        Path playbook = DemoCommand.home().resolve(check ? "playbooks/upgrade-preflight.yml" : "playbooks/upgrade.yml");
        Map<String, Object> vars = new LinkedHashMap<>();
        if (to != null) {
            vars.put("upgrade_to", to);
        }
        vars.put("accept_outage", acceptOutage);
        List<String> extraVars = List.of(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(vars));
        Engine engine = Passphrase.engine().withVault(vault.files());
        Optional<String> limit = Optional.ofNullable(hosts.limit);
        Engine.Prepared prepared = engine.prepare(playbook, hosts.inventory, limit, extraVars);
        Set<String> selected = new LinkedHashSet<>();
        for (Map.Entry<Play, List<Host>> e : prepared.plays()) {
            e.getValue().forEach(h -> selected.add(h.name()));
        }
        Pairs pairs = Pairs.of(prepared.inventory());
        Optional<Pairs.Pair> split = pairs.splitBy(selected);
        if (split.isPresent()) {
            System.err.println("steward: --limit " + hosts.limit + " splits the pair " + split.get().describe()
                    + ": an upgrade works on a whole pair (standbys first, the lease holder last); limit to all of"
                    + " its nodes or none");
            return RunSummary.BAD_OPTIONS;
        }
        List<String> nodes = pairs.nodesIn(selected);
        if (nodes.isEmpty()) {
            System.err.println("steward: no node of the chainlink group is selected: nothing to upgrade");
            return RunSummary.BAD_OPTIONS;
        }
        String version = to != null ? to
                : String.valueOf(prepared.inventory().varsFor(nodes.get(0)).getOrDefault("chainlink_version", "?"));
        if (!check && !Confirmation.ask("This upgrades " + String.join(", ", nodes) + " to " + version
                + ", one node at a time (standbys first, a database backup, the lease holder last).", yes, System.err)) {
            return RunSummary.BAD_OPTIONS;
        }
        Reporter live = output == Output.json ? new JsonReporter(System.out) : new TimelineReporter(System.out);
        UpgradeTimelineRecorder recorder = new UpgradeTimelineRecorder(nodes, version);
        // the engine redacts what reaches both: the picture holds no more than the terminal shows
        Reporter reporter = report == null ? live : new TeeReporter(live, recorder);
        long start = System.nanoTime();
        RunSummary summary = null;
        try {
            summary = engine.play(new PlayRequest(playbook, hosts.inventory, limit, 10, extraVars, reporter,
                    check, false, List.of(), List.of(), Optional.empty(), false)
                    .withLock(dev.steward.lock.LockOptions.of("upgrade --to " + version, breakLock)));
        } finally {
            if (report != null) { // also when it failed or was interrupted: that is when the picture helps most
                UpgradeReportFile.write(report, recorder.timeline(summary == null ? RunSummary.UNEXPECTED
                        : summary.exitCode()));
            }
        }
        if (output == Output.text) {
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            System.out.println(check ? (summary.exitCode() == 0 ? "--check: nothing was changed; the plan is above."
                            : "--check: the preflight refused (exit " + summary.exitCode() + "): see the FAILED step"
                                    + " above; nothing was changed.")
                    : summary.exitCode() == 0 ? "upgrade finished in " + seconds + " s: " + String.join(", ", nodes)
                            + " run " + version + "."
                    : summary.exitCode() == RunSummary.INTERRUPTED ? "upgrade interrupted after " + seconds + " s: "
                            + "the step in flight finished; run the same command again to continue where it stopped."
                    : "upgrade stopped (exit " + summary.exitCode() + ") after " + seconds + " s: the FAILED step above"
                            + " names the node, the step, the check and what to do next.");
        }
        return summary.exitCode();
    }
}
