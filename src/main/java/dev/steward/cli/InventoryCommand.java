package dev.steward.cli;

import dev.steward.inventory.Inventory;
import dev.steward.inventory.InventoryPrinter;
import dev.steward.inventory.InventoryReader;
import dev.steward.inventory.LocalUser;
import dev.steward.report.Redactor;
import dev.steward.secrets.VaultFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inventory", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show the resolved inventory: every host's variables (secrets redacted), or the group tree.")
final class InventoryCommand implements Callable<Integer> {

    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY")
    Path inventory;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--list", description = "JSON, as ansible-inventory --list prints it")
        boolean list;

        @Option(names = "--graph", description = "the tree of groups and hosts")
        boolean graph;
    }

    @Mixin
    VaultPasswordOption vault;

    @Parameters(arity = "0..1", paramLabel = "GROUP", description = "with --graph: only this group")
    String group;

    @Override
    public Integer call() {
        VaultFiles vaulted = vault.files();
        Inventory inv = new InventoryReader(LocalUser.current(), vaulted).readFile(inventory);
        if (mode.list) { // values from a vault file have no secret-sounding name: mask them by value
            System.out.println(new Redactor(vaulted.secrets().values()).redact(InventoryPrinter.list(inv)));
        } else {
            System.out.print(group == null ? InventoryPrinter.graph(inv) : InventoryPrinter.graph(inv, group));
        }
        return 0;
    }
}
