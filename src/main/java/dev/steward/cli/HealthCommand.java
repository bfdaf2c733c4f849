package dev.steward.cli;

import dev.steward.engine.Engine;
import dev.steward.health.HealthReport;
import dev.steward.health.Renderings;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "health", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Checks every host and the Chainlink pair, read-only: one row per check.",
                "All hosts: SSH, disk free on /, available memory, 5-minute load per CPU.",
                "chainlink hosts: the node container running; the lease role (6688 answers:",
                "holder, /health 200, or 503 with the failing checks named; refuses: standby);",
                "db_host:db_port and every RPC URL of chainlink_chains reachable from the node;",
                "the wallet balance when chainlink_node_address is set (below min_eth_balance",
                "warns). The group: exactly one lease holder. postgres hosts: pg_isready.",
                "eth hosts: 8545 answering eth_blockNumber.",
                "",
                "Thresholds: disk free warn < 15%%, fail < 5%%; memory available warn < 10%%,",
                "fail < 5%%; load per CPU warn > 1, fail > 2. Per host (inventory variables):",
                "health_disk_paths (mounts to check, default [/]), health_disk_warn_percent,",
                "health_disk_fail_percent, health_load_warn_per_cpu, health_load_fail_per_cpu.",
                "",
                "Exit codes: 0 every check ok; 1 a check failed or warned; 3 a host was",
                "unreachable (its checks are unknown); 4 invalid inventory; 5 bad options.",
                "Secrets (vault values, RPC URLs with their keys) are never printed."})
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

    @Option(names = "--watch", paramLabel = "SECONDS", description = "check again every SECONDS until Ctrl-C "
            + "(or --count runs); each report follows a line with the time")
    Integer watch;

    @Option(names = "--count", paramLabel = "N", description = "with --watch: stop after N reports; the exit code "
            + "is the last report's")
    Integer count;

    @Override
    public Integer call() throws Exception {
        if (watch != null && watch < 1 || count != null && (count < 1 || watch == null)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--watch takes a number of seconds ≥ 1, and --count (≥ 1) needs --watch");
        }
        Engine engine = Passphrase.engine().withVault(vault.files());
        for (int run = 1; ; run++) {
            long started = System.nanoTime();
            HealthReport report = engine.health(hosts.inventory, Optional.ofNullable(hosts.limit), forks);
            if (watch != null && output == Output.table) {
                System.out.println("== " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
            System.out.print(switch (output) {
                case table -> Renderings.table(report);
                case json -> Renderings.json(report);
                case prometheus -> Renderings.prometheus(report);
            });
            System.out.flush();
            if (watch == null || count != null && run >= count) {
                return report.exitCode();
            }
            // the next run starts SECONDS after this one started (a slow run starts the next at once)
            long wait = java.time.Duration.ofSeconds(watch).toNanos() - (System.nanoTime() - started);
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }
}
