package dev.steward.inventory;

import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hosts Steward manages and how they are grouped. Read with {@link InventoryReader}.
 *
 * @param source the inventory file
 * @param hosts by name, in order of first appearance in the inventory
 * @param groups by name, {@code all} and {@code ungrouped} first, then in order of first appearance
 */
public record Inventory(Path source, Map<String, Host> hosts, Map<String, Group> groups) {

    public Inventory {
        Objects.requireNonNull(source, "source");
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        if (!groups.containsKey(Group.ALL) || !groups.containsKey(Group.UNGROUPED)) {
            throw new IllegalArgumentException("an inventory always has the groups 'all' and 'ungrouped'");
        }
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    public Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /**
     * The hosts a {@link HostPattern} selects, in inventory order. A pattern that matches nothing
     * gives an empty list; use {@link #checkPattern} to report it.
     */
    public List<Host> select(String pattern) {
        return HostPattern.parse(pattern).resolve(this);
    }

    /** Adds a problem for each part of {@code pattern} that names no host or group of this inventory. */
    public void checkPattern(String pattern, SourceLocation where, Problems problems) {
        HostPattern.parse(pattern).check(this, where, problems);
    }

    /** Every variable a host sees from the inventory, merged as {@link VariablePrecedence} describes. */
    public Map<String, Object> varsFor(String hostName) {
        return VariablePrecedence.varsFor(this, requireHost(hostName));
    }

    /**
     * The groups a host belongs to, directly or through child groups, sorted by name, without
     * {@code all} and {@code ungrouped}: Ansible's {@code group_names}.
     */
    public List<String> groupNamesOf(String hostName) {
        requireHost(hostName);
        Set<String> names = new TreeSet<>(groupsContaining(hostName));
        names.remove(Group.ALL);
        names.remove(Group.UNGROUPED);
        return List.copyOf(names);
    }

    /** Every group a host belongs to, directly or through children, including {@code all}. */
    Set<String> groupsContaining(String hostName) {
        Set<String> found = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>();
        groups.values().stream().filter(g -> g.hosts().contains(hostName)).forEach(g -> todo.add(g.name()));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (found.add(name)) {
                parentsOf(name).forEach(todo::add);
            }
        }
        found.add(Group.ALL); // Ansible's rule: every host is in 'all', listed there or not
        return found;
    }

    /** The hosts of a group and of all its descendants, in inventory order. */
    List<Host> hostsOfGroup(String groupName) {
        if (groupName.equals(Group.ALL)) {
            return List.copyOf(hosts.values());
        }
        Set<String> members = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(groupName));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Group g = groups.get(todo.pop());
            if (g != null && seen.add(g.name())) {
                members.addAll(g.hosts());
                todo.addAll(g.children());
            }
        }
        return hosts.values().stream().filter(h -> members.contains(h.name())).toList();
    }

    List<String> parentsOf(String groupName) {
        return groups.values().stream().filter(g -> g.children().contains(groupName)).map(Group::name).toList();
    }

    private Host requireHost(String name) {
        Host h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host '" + name + "' in inventory " + source);
        }
        return h;
    }
}
