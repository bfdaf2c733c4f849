package dev.steward.inventory;

import dev.steward.source.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inventory group. Every inventory has {@code all} (whose children are the top-level groups,
 * {@code ungrouped} first) and {@code ungrouped} (the hosts in no other group).
 *
 * @param hosts the hosts listed directly in this group, in inventory order
 * @param children the names of the child groups, in inventory order
 * @param vars the group's own variables: the inventory's, overlaid by its {@code group_vars} files
 */
public record Group(String name, List<String> hosts, List<String> children, Map<String, Object> vars,
        SourceLocation location) {

    public static final String ALL = "all";
    public static final String UNGROUPED = "ungrouped";

    public Group {
        Objects.requireNonNull(name, "name");
        hosts = List.copyOf(hosts);
        children = List.copyOf(children);
        vars = FrozenValues.map(vars);
        Objects.requireNonNull(location, "location");
    }

    /** {@code all} and {@code ungrouped}, which every inventory has whether it names them or not. */
    public boolean isImplicit() {
        return name.equals(ALL) || name.equals(UNGROUPED);
    }
}
