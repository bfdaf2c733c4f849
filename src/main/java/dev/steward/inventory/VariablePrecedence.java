package dev.steward.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a host sees from the inventory. From lowest to highest precedence:
 *
 * <ol>
 *   <li>{@code all}'s vars: the inventory file's, then {@code group_vars/all};</li>
 *   <li>every other group the host is in (directly or through child groups), parents before
 *       children: sorted by depth below {@code all} (the longest path, as in Ansible), groups of the
 *       same depth by name; each group's inventory vars, then its {@code group_vars} file(s);</li>
 *   <li>the host's inventory vars, then its {@code host_vars} file(s);</li>
 *   <li>the magic variables {@code inventory_hostname}, {@code group_names} (sorted, without
 *       {@code all} and {@code ungrouped}) and {@code address}, which nothing overrides; and two
 *       that describe the whole inventory, so one host can be configured for others (a database's
 *       {@code pg_hba.conf} for its clients): {@code groups}, Ansible's map of every group to its
 *       hosts' names in inventory order, and {@code addresses}, every host's {@code address} by
 *       name (Steward's stand-in for {@code hostvars[h].ansible_host}); and Ansible's
 *       {@code inventory_dir}, the inventory file's folder, for controller files kept beside it.</li>
 * </ol>
 *
 * A higher level replaces a top-level key as a whole: dictionaries are replaced, not merged (as
 * Ansible does by default), so a value never mixes keys from two places. Playbook levels (facts,
 * play vars, extra vars…) are layered on top by the {@code vars} package.
 */
public final class VariablePrecedence {

    private VariablePrecedence() {
    }

    static Map<String, Object> varsFor(Inventory inventory, Host host) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Group group : groupsInPrecedenceOrder(inventory, host.name())) {
            merged.putAll(group.vars());
        }
        merged.putAll(host.vars());
        merged.put("inventory_hostname", host.name());
        merged.put("group_names", inventory.groupNamesOf(host.name()));
        merged.put("address", host.address());
        merged.put("groups", groups(inventory));
        merged.put("addresses", addresses(inventory));
        merged.put("inventory_dir", inventory.source().toAbsolutePath().normalize().getParent().toString());
        return FrozenValues.map(merged);
    }

    /** Every group, {@code all} and {@code ungrouped} included, to its hosts (through children too). */
    private static Map<String, Object> groups(Inventory inventory) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        inventory.groups().keySet().forEach(g -> members.put(g, new ArrayList<>()));
        for (String host : inventory.hosts().keySet()) {
            for (String group : inventory.groupsContaining(host)) {
                members.computeIfAbsent(group, g -> new ArrayList<>()).add(host);
            }
        }
        Map<String, Object> groups = new LinkedHashMap<>();
        members.forEach((group, hosts) -> groups.put(group, List.copyOf(hosts)));
        return groups;
    }

    private static Map<String, Object> addresses(Inventory inventory) {
        Map<String, Object> addresses = new LinkedHashMap<>();
        inventory.hosts().values().forEach(h -> addresses.put(h.name(), h.address()));
        return addresses;
    }

    /** The host's groups, {@code all} first, lowest precedence first. */
    public static List<Group> groupsInPrecedenceOrder(Inventory inventory, String hostName) {
        Map<String, Integer> depth = depths(inventory);
        List<Group> groups = new ArrayList<>();
        for (String name : inventory.groupsContaining(hostName)) {
            groups.add(inventory.groups().get(name));
        }
        groups.sort(Comparator.comparingInt((Group g) -> depth.getOrDefault(g.name(), 1))
                .thenComparing(Group::name));
        return groups;
    }

    /** The longest path from {@code all} to each group: a group is deeper than all its parents. */
    private static Map<String, Integer> depths(Inventory inventory) {
        Map<String, Integer> depth = new HashMap<>();
        depth.put(Group.ALL, 0);
        // relax edges until stable; bounded by the number of groups (cycles were rejected on reading)
        for (int round = 0; round < inventory.groups().size(); round++) {
            boolean changed = false;
            for (Group parent : inventory.groups().values()) {
                Integer d = depth.get(parent.name());
                if (d == null) {
                    continue;
                }
                for (String child : parent.children()) {
                    if (depth.getOrDefault(child, -1) < d + 1) {
                        depth.put(child, d + 1);
                        changed = true;
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        return depth;
    }
}
