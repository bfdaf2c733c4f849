package dev.steward.module.network;

import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.reach.Opening;
import dev.steward.reach.StackFirewall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code firewall_policy}: returns {@code firewall_rules} (register it), this host's openings in the
 * stack's policy ({@link StackFirewall}, the same one {@code steward reach} tests) as ufw rules, one
 * per source address: {@code {port, proto, from, comment}}. Changes nothing; runs in check mode too.
 */
public final class FirewallPolicyModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec(
            "Returns firewall_rules (register it): this host's openings in the stack's policy (the one steward "
                    + "reach tests).",
            List.of(), Optional.empty(), List.of(), List.of()).withExample("""
                    - firewall_policy: {}
                      register: policy
                    - ufw: {rule: allow, port: "${item.port}", proto: "${item.proto}", from: "${item.from}", comment: "${item.comment}"}
                      loop: "${policy.firewall_rules}"
                    """);

    @Override
    public String name() {
        return "firewall_policy";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure {
        StackVars stack = StackVars.read(call.context());
        List<Opening> openings = StackVars.policy(() -> StackFirewall.openings(stack.host(), stack.vars()));
        List<Object> rules = new ArrayList<>();
        for (Opening o : openings) {
            List<String> sources = o.from().orElse(List.of("any"));
            for (String source : sources) {
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("port", (long) o.port());
                rule.put("proto", o.proto());
                rule.put("from", source.equals("any") ? "any" : stack.address(source));
                rule.put("comment", "steward: " + o.service() + (source.equals("any") ? "" : " from " + source));
                rules.add(rule);
            }
        }
        return new Plan.Unchanged(new Result(false, rules.size() + " firewall rules for " + stack.host(),
                Map.of("firewall_rules", rules)));
    }
}
