package dev.steward.cli;

import dev.steward.engine.Engine;
import dev.steward.report.PingReporter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ping", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Check SSH and sudo on every host of the inventory.")
final class PingCommand implements Callable<Integer> {

    @Mixin
    InventoryOption hosts;

    @Mixin
    VaultPasswordOption vault;

    @Option(names = {"-f", "--forks"}, defaultValue = "10", description = "hosts checked at once (default: 10)")
    int forks;

    @Option(names = "--no-become", description = "check SSH only, not sudo")
    boolean noBecome;

    @Override
    public Integer call() throws Exception {
        return Passphrase.engine().withVault(vault.files()).ping(hosts.inventory, Optional.ofNullable(hosts.limit), forks, !noBecome,
                new PingReporter(System.out)).exitCode();
    }
}
