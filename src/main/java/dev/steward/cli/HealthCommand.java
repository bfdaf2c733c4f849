package dev.steward.cli;

import dev.steward.health.HealthReport;
import dev.steward.health.Renderings;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "health", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Check every host and the Chainlink pair, read-only: SSH, disk, memory, load; on chainlink",
                "hosts the node container, its lease role (6688 answers: holder, /health 200 or 503 with the failing",
                "checks; refuses: standby), PostgreSQL (db_host:db_port) and each RPC URL reachable from the node,",
                "the wallet balance when chainlink_node_address is set (below min_eth_balance warns); exactly one",
                "lease holder in the group; pg_isready on postgres hosts; eth_blockNumber on 8545 of eth hosts.",
                "",
                "Disk free on /: warn below 15%, fail below 5%. Available memory: warn below 10%, fail below 5%.",
                "5-minute load per CPU: warn above 1, fail above 2.",
                "",
                "Exit codes: 0 every check ok; 1 a check failed or warned; 3 a host was unreachable (its checks",
                "are unknown); 4 the inventory is invalid; 5 bad options. Secrets are never printed."})
final class HealthCommand implements Callable<Integer> {

    enum Output { table, json, prometheus }

    @Mixin
    InventoryOption hosts;

    @Mixin
    VaultPasswordOption vault;

    @Option(names = "--output", defaultValue = "table", paramLabel = "FORMAT",
            description = "table (default), json (rows and a summary) or prometheus (text exposition format)")
    Output output;

    @Option(names = {"-f", "--forks"}, defaultValue = "10", description = "hosts checked at once (default: 10)")
    int forks;

    @Override
    public Integer call() throws Exception {
        HealthReport report = Passphrase.engine().withVault(vault.files())
                .health(hosts.inventory, Optional.ofNullable(hosts.limit), forks);
        String text = switch (output) {
            case table -> Renderings.table(report);
            case json -> Renderings.json(report);
            case prometheus -> Renderings.prometheus(report);
        };
        System.out.print(text);
        System.out.flush();
        return report.exitCode();
    }
}
