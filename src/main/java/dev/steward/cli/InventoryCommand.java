package dev.steward.cli;

import dev.steward.inventory.Inventory;
import dev.steward.inventory.InventoryPrinter;
import dev.steward.inventory.InventoryReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
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

    @Parameters(arity = "0..1", paramLabel = "GROUP", description = "with --graph: only this group")
    String group;

    @Override
    public Integer call() {
        Inventory inv = InventoryReader.read(inventory);
        if (mode.list) {
            System.out.println(InventoryPrinter.list(inv));
        } else {
            System.out.print(group == null ? InventoryPrinter.graph(inv) : InventoryPrinter.graph(inv, group));
        }
        return 0;
    }
}
