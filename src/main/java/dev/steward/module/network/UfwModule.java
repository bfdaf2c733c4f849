package dev.steward.module.network;

import dev.steward.module.Args;
import dev.steward.module.FileDiff;
import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.remote.Apply;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.transport.TransportException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code ufw}: a firewall rule, default policy, logging level or state, idempotent against the rules
 * ufw has recorded ({@code /etc/ufw/user*.rules}, read in one probe with the policies and the SSH
 * connection in use). It never locks Steward out: the SSH port the connection really arrives on is
 * allowed before anything that filters it (see {@link UfwPlanner}), and every change is armed with a
 * rollback on the host that only a NEW SSH connection disarms (see {@link FirewallRollback}).
 */
public final class UfwModule implements Module {

    private static final Pattern MULTI_PORT = Pattern.compile(".*[,:].*");
    private static final ModuleSpec SPEC = new ModuleSpec(
            "Manages ufw rules, default policies, logging and state, without locking SSH out.", List.of(
            Param.optional("rule", ParamType.STRING, "add (or with delete: remove) a rule with this action")
                    .choices("allow", "deny", "limit", "reject"),
            Param.optional("port", ParamType.STRING, "destination port: 22, a list 80,443 or a range 8000:8100 "
                    + "(lists and ranges need proto); default any").aliases("to_port"),
            Param.optional("proto", ParamType.STRING, "tcp, udp, … (default any)").aliases("protocol"),
            Param.optional("from", ParamType.STRING, "source address or network (default any)")
                    .aliases("from_ip", "src"),
            Param.optional("to", ParamType.STRING, "destination address or network (default any)")
                    .aliases("to_ip", "dest"),
            Param.optional("interface", ParamType.STRING, "only traffic on this interface").aliases("if"),
            Param.optional("direction", ParamType.STRING, "for a rule: in (default) or out; for default: "
                    + "incoming (default), outgoing or routed")
                    .choices("in", "out", "incoming", "outgoing", "routed"),
            Param.optional("comment", ParamType.STRING, "a comment stored with the rule (part of its identity "
                    + "here: a different comment updates the rule)"),
            Param.optional("delete", ParamType.BOOL, "remove the rule instead of adding it (default false)"),
            Param.optional("insert", ParamType.INT, "put a new rule at this position (1 is first); an existing "
                    + "rule is not moved"),
            Param.optional("default", ParamType.STRING, "set the default policy of direction")
                    .choices("allow", "deny", "reject").aliases("policy"),
            Param.optional("logging", ParamType.STRING, "the logging level").choices("on", "off", "low", "medium",
                    "high", "full"),
            Param.optional("state", ParamType.STRING, "enabled: turn the firewall on (last, after the rule and "
                    + "policy of the same task); disabled: off; reset: off with every rule deleted")
                    .choices("enabled", "disabled", "reset"),
            Param.optional("rollback_timeout", ParamType.INT, "seconds after which the host restores the previous "
                    + "rules unless Steward reconnected over a new SSH connection (default 60)").withDefault("60")),
            Optional.empty(), List.of(List.of("rule", "default")), List.of()).withExample("""
                    - name: PostgreSQL from the node only
                      ufw: {rule: allow, port: 5432, proto: tcp, from: 10.8.0.10, comment: node1}
                    - name: Deny incoming by default, then turn the firewall on
                      ufw: {default: deny, direction: incoming, state: enabled}
                    """);

    @Override
    public String name() {
        return "ufw";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        if (!args.has("rule") && !args.has("default") && !args.has("logging") && !args.has("state")) {
            throw new ModuleFailure("ufw needs one of rule, default, logging or state");
        }
        long rollback = args.integer("rollback_timeout").orElse(60L);
        if (rollback < 5) {
            throw new ModuleFailure("ufw: rollback_timeout must be at least 5 seconds, not " + rollback);
        }
        Optional<UfwRule> wanted = args.has("rule") ? Optional.of(rule(args)) : Optional.empty();
        boolean delete = args.bool("delete").orElse(false);
        Optional<Integer> insert = args.integer("insert").map(Long::intValue);
        if (insert.isPresent() && insert.get() < 1) {
            throw new ModuleFailure("ufw: insert is a position from 1, not " + insert.get());
        }

        CommandResult probed = call.probe().query(UfwState.PROBE);
        if (probed.exitCode() != 0) {
            throw new ModuleFailure("ufw: cannot read the firewall's state: " + probed.stderr().strip(),
                    Map.of("rc", (long) probed.exitCode(), "stderr", probed.stderr()));
        }
        UfwState state = UfwState.parse(probed.stdout());
        if (state.rollbackArmed()) {
            throw new ModuleFailure("ufw: a rollback from an earlier unconfirmed change is still armed ("
                    + UfwState.ROLLBACK_UNIT + ".timer): wait until it has restored the previous rules, or stop it "
                    + "with 'systemctl stop " + UfwState.ROLLBACK_UNIT + ".timer' if the current rules are right");
        }
        if (state.manageBuiltins() && state.dockerChains()) {
            throw new ModuleFailure("ufw: MANAGE_BUILTINS=yes in /etc/default/ufw makes ufw flush the built-in "
                    + "chains, and with them Docker's rules for running containers: set MANAGE_BUILTINS=no");
        }

        UfwPlanner planner = new UfwPlanner(state);
        if (wanted.isPresent()) {
            planner.rule(wanted.get(), delete, insert);
        }
        if (args.has("logging")) {
            String level = args.required("logging");
            planner.logging(level.equals("on") ? "low" : level);
        }
        if (args.has("default")) {
            planner.defaultPolicy(policyDirection(args), args.required("default"));
        }
        args.string("state").ifPresent(planner::state);
        state.ssh().ifPresent(ssh -> planner.guardSsh(ssh, wanted, delete));

        List<UfwPlanner.Step> steps = planner.steps();
        if (steps.isEmpty()) {
            return new Plan.Unchanged(Result.ok("ufw: nothing to change"));
        }
        List<String> changes = steps.stream().map(UfwPlanner.Step::describe).toList();
        String before = planner.before();
        FirewallRollback guard = new FirewallRollback(rollback);
        String summary = (state.installed() ? "ufw: " : "ufw (not installed yet, planned as freshly installed): ")
                + String.join("; ", changes);
        return new Plan.Change(summary, state.installed(),
                Optional.of(new FileDiff("ufw (" + call.probe().host() + ")", () -> before, planner.after())),
                host -> apply(host, steps, guard, state, changes));
    }

    private static Result apply(Apply host, List<UfwPlanner.Step> steps, FirewallRollback guard, UfwState state,
            List<String> changes) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        if (!state.installed() && host.run("command -v ufw").exitCode() != 0) {
            throw new ModuleFailure("ufw is not installed on " + host.host() + ": install it first (apt: {name: ufw}); "
                    + "nothing was changed");
        }
        CommandResult armed = host.run(guard.armCommand(), new ByteArrayInputStream(
                FirewallRollback.restoreScript().getBytes(StandardCharsets.UTF_8)));
        if (armed.exitCode() != 0) {
            throw new ModuleFailure("ufw: cannot arm the rollback timer, so nothing was changed: "
                    + armed.stderr().strip(), Map.of("rc", (long) armed.exitCode(), "stderr", armed.stderr()));
        }
        long armedAt = System.nanoTime();
        for (UfwPlanner.Step step : steps) {
            CommandResult r = host.run(step.command());
            if (r.exitCode() != 0) {
                CommandResult restored = host.run(guard.restoreNowCommand());
                throw new ModuleFailure("ufw: '" + step.command() + "' failed: " + (r.stderr() + r.stdout()).strip()
                        + (restored.exitCode() == 0 ? "; the previous rules are restored"
                                : "; restoring the previous rules failed too: " + restored.stderr().strip()),
                        Map.of("rc", (long) r.exitCode(), "stderr", r.stderr(), "cmd", step.command()));
            }
        }
        guard.confirm(host, state.ssh(), armedAt);
        return new Result(true, "ufw: " + String.join("; ", changes), Map.of("changes", changes));
    }

    private static UfwRule rule(Args args) throws ModuleFailure {
        String direction = args.string("direction").orElse("in");
        direction = switch (direction) {
            case "in", "incoming" -> "in";
            case "out", "outgoing" -> "out";
            default -> throw new ModuleFailure("ufw: a rule's direction is in or out, not " + direction);
        };
        String proto = args.string("proto").orElse(UfwRule.ANY);
        String port = args.string("port").orElse(UfwRule.ANY);
        if (MULTI_PORT.matcher(port).matches() && proto.equals(UfwRule.ANY)) {
            throw new ModuleFailure("ufw: the port list or range '" + port + "' needs proto: tcp or udp");
        }
        return new UfwRule(args.required("rule"), direction, args.string("interface"), proto, port,
                args.string("from").orElse(UfwRule.ANY), args.string("to").orElse(UfwRule.ANY),
                args.string("comment"));
    }

    private static String policyDirection(Args args) throws ModuleFailure {
        String direction = args.string("direction").orElse("incoming");
        return switch (direction) {
            case "in", "incoming" -> "incoming";
            case "out", "outgoing" -> "outgoing";
            case "routed" -> "routed";
            default -> throw new ModuleFailure("ufw: a default policy's direction is incoming, outgoing or routed");
        };
    }
}
