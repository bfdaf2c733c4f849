package dev.steward.module.network;

import dev.steward.module.ModuleContext;
import dev.steward.module.ModuleFailure;
import dev.steward.reach.StackFirewall;
import dev.steward.reach.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables of {@link StackFirewall} as the task's host sees them, for the modules that use the
 * policy inside a play ({@code firewall_policy}, {@code reach}); {@code steward reach} reads each host's
 * own from the inventory instead.
 */
final class StackVars {

    private final String host;
    private final Map<String, Object> vars;

    private StackVars(String host, Map<String, Object> vars) {
        this.host = host;
        this.vars = vars;
    }

    static StackVars read(ModuleContext context) throws ModuleFailure {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String name : StackFirewall.VARIABLES) {
            if (context.test(name + "??")) {
                vars.put(name, context.evaluate(name));
            }
        }
        vars.put("addresses", context.evaluate("addresses"));
        return new StackVars(String.valueOf(context.evaluate("inventory_hostname")), vars);
    }

    String host() {
        return host;
    }

    Map<String, Object> vars() {
        return vars;
    }

    String address(String name) {
        Object a = vars.get("addresses") instanceof Map<?, ?> m ? m.get(name) : null;
        return a == null ? name : a.toString();
    }

    /** Every inventory host as a destination, with the policy as this host sees it. */
    List<Target> targets() throws ModuleFailure {
        List<Target> out = new ArrayList<>();
        Object groups = vars.get("groups");
        Object all = groups instanceof Map<?, ?> m ? m.get("all") : null;
        if (!(all instanceof List<?> hosts)) {
            throw new ModuleFailure("the inventory's groups are not available to this task");
        }
        for (Object h : hosts) {
            String name = String.valueOf(h);
            out.add(new Target(name, address(name), address(name), 22, policy(() -> StackFirewall.openings(name, vars)),
                    StackFirewall.closed(name, vars)));
        }
        return out;
    }

    /** The policy's own error (a port variable that is not a number) as a module failure. */
    static <T> T policy(java.util.function.Supplier<T> read) throws ModuleFailure {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new ModuleFailure(e.getMessage());
        }
    }
}
