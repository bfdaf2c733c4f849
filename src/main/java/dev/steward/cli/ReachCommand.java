package dev.steward.cli;

import dev.steward.reach.ReachReport;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reach", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Tests the stack's firewall from the controller and from every host: each port that must",
                "be open and each that must be closed, as a table of expected against actual.",
                "The policy is the one playbooks/firewall.yml applies (dev.steward.reach.StackFirewall):",
                "every host SSH (firewall_ssh_port, default 22) from anyone; chainlink hosts",
                "chainlink_p2p_port (when set) from the other nodes, 6688 from no other host; postgres",
                "db_port (default 5432) from the chainlink hosts only; eth 8545/8546 from the chainlink",
                "hosts only, 30303 from anyone; vpn vpn_port/vpn_proto (default 1194/udp) from anyone.",
                "TCP only: a UDP port cannot be tested with a connect. Each host tests with bash's",
                "/dev/tcp (3 s timeout); the controller reaches SSH as the inventory says.",
                "",
                "Exit codes: 0 every path as expected; 1 a mismatch; 3 a host was unreachable (its",
                "paths untested); 4 invalid inventory; 5 bad options."})
final class ReachCommand implements Callable<Integer> {

    @Mixin
    InventoryOption hosts;

    @Mixin
    VaultPasswordOption vault;

    @Option(names = {"-f", "--forks"}, defaultValue = "10", description = "hosts testing at once (default: 10)")
    int forks;

    @Override
    public Integer call() throws Exception {
        ReachReport report = Passphrase.engine().withVault(vault.files())
                .reach(hosts.inventory, Optional.ofNullable(hosts.limit), forks);
        System.out.print(report.table());
        System.out.flush();
        return report.exitCode();
    }
}
