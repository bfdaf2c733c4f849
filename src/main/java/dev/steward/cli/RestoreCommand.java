package dev.steward.cli;

import dev.steward.engine.Engine;
import dev.steward.engine.PlayRequest;
import dev.steward.engine.RunSummary;
import dev.steward.report.JsonReporter;
import dev.steward.report.Reporter;
import dev.steward.report.TimelineReporter;
import dev.steward.upgrade.Pairs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"The way back after an upgrade: runs playbooks/restore.yml. Checks the backup (a file",
                "on the postgres group's first host, as `steward upgrade` printed it) and the version",
                "recorded beside it (FILE.version), stops every node, replaces the database with the",
                "backup (pg_restore --clean --create), and starts that version one node at a time: the",
                "first must serve, the next must stand by. The service is down meanwhile.",
                "",
                "Exit codes: 0 restored and serving; 1 a host is locked by another run (nothing",
                "changed; --break-lock removes a stale lock); 2 refused or a step failed (the message",
                "names the node, the step and the check); 3 unreachable; 4 invalid inventory; 5 bad",
                "options (no --yes without a terminal)."})
final class RestoreCommand implements Callable<Integer> {

    enum Output { text, json }

    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY",
            description = "the inventory: YAML, or an Ansible INI file")
    Path inventory;

    @Mixin
    VaultPasswordOption vault;

    @Option(names = "--backup", required = true, paramLabel = "FILE",
            description = "the backup on the database host, e.g. /var/backups/chainlink-upgrade/chainlink-…-2.10.0.dump")
    String backup;

    @Option(names = "--break-lock", description = "remove the deploy lock another run left (crashed, killed, or its machine down; "
            + "each one removed is named), then take it; a run killed on this machine needs no --break-lock: "
            + "its lock is taken over")
    boolean breakLock;

    @Option(names = "--yes", description = "do not ask (needed when stdin is not a terminal)")
    boolean yes;

    @Option(names = "--output", defaultValue = "text", paramLabel = "FORMAT", description = "text or json (events)")
    Output output;

    @Override
    public Integer call() throws Exception {
        Path playbook = DemoCommand.home().resolve("playbooks/restore.yml");
        List<String> extraVars = List.of(new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(Map.of("restore_backup", backup)));
        Engine engine = Passphrase.engine().withVault(vault.files());
        Engine.Prepared prepared = engine.prepare(playbook, inventory, Optional.empty(), extraVars);
        List<String> databases = Pairs.of(prepared.inventory()).pairs().stream().map(Pairs.Pair::database).toList();
        List<String> nodes = Pairs.of(prepared.inventory()).pairs().stream().flatMap(p -> p.nodes().stream()).toList();
        if (!Confirmation.ask("This stops " + String.join(", ", nodes) + ", overwrites the database "
                + String.join(", ", databases) + " with " + backup + " (every change since that backup is lost),"
                + " and starts the version recorded beside it, one node at a time.", yes, System.err)) {
            return RunSummary.BAD_OPTIONS;
        }
        Reporter reporter = output == Output.json ? new JsonReporter(System.out) : new TimelineReporter(System.out);
        RunSummary summary = engine.play(new PlayRequest(playbook, inventory, Optional.empty(), 10, extraVars,
                reporter).withLock(dev.steward.lock.LockOptions.of("restore --backup " + backup, breakLock)));
        if (output == Output.text) {
            System.out.println(summary.exitCode() == 0 ? "restored: " + String.join(", ", nodes) + " run the backup's version."
                    : "restore stopped (exit " + summary.exitCode() + "): the FAILED step above says where and what next.");
        }
        return summary.exitCode();
    }
}
