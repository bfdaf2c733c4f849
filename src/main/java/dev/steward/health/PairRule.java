package dev.steward.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The replicas of the {@code chainlink} group share one database lease: exactly one must hold it.
 * None means nothing serves; two mean two nodes think they hold the lease (a split brain).
 */
public final class PairRule {

    /** The check's name; its row's host is the group's name. */
    public static final String CHECK = "lease_holder";

    private PairRule() {
    }

    /**
     * @param group the group's name (the row's host)
     * @param roles the role each checked node showed, in inventory order
     * @param unchecked the group's nodes whose role is unknown (unreachable, or left out by --limit)
     */
    public static CheckRow evaluate(String group, Map<String, LeaseRole> roles, List<String> unchecked) {
        List<String> holders = names(roles, LeaseRole.HOLDER);
        List<String> standbys = names(roles, LeaseRole.STANDBY);
        String notChecked = unchecked.isEmpty() ? "" : "; not checked: " + String.join(", ", unchecked);
        if (holders.size() > 1) {
            return CheckRow.fail(group, CHECK, "more than one node answers 6688: " + String.join(", ", holders)
                    + notChecked);
        }
        if (holders.isEmpty()) {
            if (!unchecked.isEmpty() && roles.values().stream().allMatch(r -> r == LeaseRole.STANDBY)) {
                return CheckRow.warn(group, CHECK, "no checked node holds the lease" + notChecked);
            }
            return CheckRow.fail(group, CHECK, "no node holds the lease" + (standbys.isEmpty() ? ""
                    : " (standby: " + String.join(", ", standbys) + ")") + notChecked);
        }
        String holder = holders.get(0);
        if (standbys.isEmpty() && unchecked.isEmpty()) {
            return CheckRow.warn(group, CHECK, holder + " holds the lease; no standby is waiting");
        }
        return CheckRow.ok(group, CHECK, holder + " holds the lease"
                + (standbys.isEmpty() ? "" : "; standby: " + String.join(", ", standbys)) + notChecked);
    }

    private static List<String> names(Map<String, LeaseRole> roles, LeaseRole role) {
        List<String> out = new ArrayList<>();
        roles.forEach((name, r) -> {
            if (r == role) {
                out.add(name);
            }
        });
        return out;
    }
}
