package dev.steward.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -i INVENTORY} and {@code -l PATTERN}, shared by the commands that work on hosts. */
final class InventoryOption {

    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY",
            description = "the inventory: YAML, or an Ansible INI file")
    Path inventory;

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN",
            description = "only hosts matching this pattern (a:b, a:!b, a:&b, globs), or @FILE of host names")
    String limit;
}
