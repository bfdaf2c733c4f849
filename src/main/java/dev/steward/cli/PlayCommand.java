package dev.steward.cli;

import dev.steward.engine.Engine;
import dev.steward.engine.PlayRequest;
import dev.steward.lock.LockOptions;
import dev.steward.report.ConsoleReporter;
import dev.steward.report.JsonReporter;
import dev.steward.report.Reporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "play", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Run a playbook on the inventory's hosts.",
                "Before changing anything it takes a deploy lock on every target host (/var/lib/steward/deploy.lock,",
                "or the host's deploy_lock_path: who, which command, since when) and releases it at the end;",
                "a run against a host locked by another refuses, naming the holder. --check takes no lock",
                "(it only warns). Ctrl-C lets the step in flight finish, releases the locks and says how",
                "to resume (exit 99); a second Ctrl-C quits at once and leaves the locks."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all hosts ok", "1:error; also: a target host is locked by another run (nothing was changed)",
                "2:a host failed", "3:a host was unreachable",
                "4:the playbook or inventory is invalid (nothing was changed)", "5:bad options",
                "99:interrupted", "250:unexpected error"})
final class PlayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "the playbook to run")
    Path playbook;

    @Mixin
    InventoryOption hosts;

    @Mixin
    VaultPasswordOption vault;

    @Option(names = {"-f", "--forks"}, defaultValue = "10", description = "hosts worked on at once (default: 10)")
    int forks;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS",
            description = "k=v, @file.yml or a YAML/JSON map; wins over every other variable")
    List<String> extraVars = new ArrayList<>();

    @Option(names = "--output", defaultValue = "text", description = "text or json (one event per line)")
    Output output;

    @Option(names = "-v", description = "more detail (-vv for results)")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-C", "--check"}, description = "probe only: report what would change, change nothing")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "show file changes as unified diffs (secrets redacted)")
    boolean diff;

    @Option(names = {"-t", "--tags"}, split = ",", paramLabel = "TAGS", description = "only tasks with these tags")
    List<String> tags = new ArrayList<>();

    @Option(names = "--skip-tags", split = ",", paramLabel = "TAGS", description = "not tasks with these tags")
    List<String> skipTags = new ArrayList<>();

    @Option(names = "--start-at-task", paramLabel = "NAME", description = "skip the tasks before the one named NAME")
    String startAtTask;

    @Option(names = "--force-handlers", description = "run notified handlers even on hosts that failed")
    boolean forceHandlers;

    @Option(names = "--break-lock", description = "remove the deploy lock another run left (crashed, killed, or its machine down; "
            + "each one removed is named), then take it; a run killed on this machine needs no --break-lock: "
            + "its lock is taken over")
    boolean breakLock;

    @Option(names = "--list-tasks", description = "list the tasks that would run, and stop")
    boolean listTasks;

    @Option(names = "--list-hosts", description = "list the hosts each play would run on, and stop")
    boolean listHosts;

    enum Output { text, json }

    @Override
    public Integer call() throws Exception {
        if (forks < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--forks must be at least 1");
        }
        Engine engine = Passphrase.engine().withVault(vault.files());
        if (listTasks || listHosts) {
            Engine.Prepared prepared = engine.prepare(playbook, hosts.inventory, Optional.ofNullable(hosts.limit),
                    extraVars);
            System.out.print(new PlaybookListing(prepared, dev.steward.exec.TagFilter.of(tags, skipTags))
                    .render(listHosts, listTasks));
            return 0;
        }
        Reporter reporter = output == Output.json ? new JsonReporter(System.out)
                : new ConsoleReporter(System.out, verbose.length);
        return engine.play(new PlayRequest(playbook, hosts.inventory, Optional.ofNullable(hosts.limit), forks,
                extraVars, reporter, check, diff, tags, skipTags, Optional.ofNullable(startAtTask), forceHandlers,
                LockOptions.of("play " + playbook, breakLock))).exitCode();
    }
}
