package dev.steward.exec;

import dev.steward.engine.Engine;
import dev.steward.engine.PlayRequest;
import dev.steward.engine.RunSummary;
import dev.steward.lock.LockOptions;
import dev.steward.report.HostResult;
import dev.steward.report.ItemResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A scenario run by the real engine against its scripted hosts: the summary, the results, what hosts received. */
record ScenarioRun(RunSummary summary, List<HostResult> results, List<ItemResult> items, List<String> warnings,
        String transcript, ScriptedHosts hosts, Optional<String> retryFile) {

    /** Writes the inventory, the playbook and its files into {@code dir}, then plays it. */
    static ScenarioRun of(Scenario scenario, Path dir) throws IOException, InterruptedException {
        Path inventory = write(dir, "inventory.yml", scenario.inventory());
        Path playbook = write(dir, "playbook.yml", scenario.playbook());
        for (Map.Entry<String, String> f : scenario.files().entrySet()) {
            write(dir, f.getKey(), f.getValue());
        }
        ScriptedHosts hosts = scenario.scriptedHosts();
        RecordingReporter reporter = new RecordingReporter();
        Scenario.Options o = scenario.options();
        RunSummary summary = new Engine(i -> hosts, dir).play(new PlayRequest(playbook, inventory,
                Optional.ofNullable(o.limit()).map(l -> inFolder(l, dir)), o.forks(), o.extraVars(), reporter, o.check(), o.diff(), o.tags(),
                o.skipTags(), Optional.ofNullable(o.startAtTask()), o.forceHandlers(), LockOptions.NONE));
        Path retry = dir.resolve(".steward/retry/playbook.hosts");
        Optional<String> retryFile = Files.isRegularFile(retry) ? Optional.of(Files.readString(retry)) : Optional.empty();
        return new ScenarioRun(summary, reporter.results(), reporter.items(), reporter.warnings(),
                reporter.transcript(), hosts, retryFile);
    }

    /** A {@code @FILE} limit names a file among the scenario's files (the run's folder), as a retry file would be. */
    private static String inFolder(String limit, Path dir) {
        return limit.startsWith("@") ? "@" + dir.resolve(limit.substring(1)) : limit;
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name).normalize();
        if (!p.startsWith(dir)) {
            throw new IllegalArgumentException("a scenario file must stay in its folder: " + name);
        }
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    /** The run as a person would read it: events, recap, and each host's commands. */
    String describe() {
        String commands = hosts.contacted().stream().sorted().map(h -> "COMMANDS " + h + ":\n" + hosts.commandsOf(h)
                .stream().map(c -> "    " + c + (c.stdin().isEmpty() ? "" : "   <<< " + c.stdin().replace("\n", "\\n")))
                .collect(Collectors.joining("\n"))).collect(Collectors.joining("\n"));
        return transcript + "\nEXIT " + summary.exitCode() + "\n" + commands;
    }
}
