package dev.steward.cli;

import dev.steward.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Find every mistake in a playbook and its inventory without connecting to any host.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no problem found (warnings may be printed)", "4:problems found (each printed with file:line:column)",
                "5:bad options"})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "the playbook to check")
    Path playbook;

    @Mixin
    InventoryOption hosts;

    @Mixin
    VaultPasswordOption vault;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS", description = "as for play")
    List<String> extraVars = new ArrayList<>();

    @Override
    public Integer call() {
        Engine.Prepared p = new Engine().withVault(vault.files()).prepare(playbook, hosts.inventory, Optional.ofNullable(hosts.limit),
                extraVars);
        p.warnings().forEach(w -> System.err.println("WARNING: " + w));
        long tasks = p.plays().size();
        System.out.println(playbook + ": no problems found (" + tasks + (tasks == 1 ? " play" : " plays")
                + ", inventory " + hosts.inventory + ")");
        return 0;
    }
}
