package dev.steward.inventory;

import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the YAML and INI parsers fill in, before defaults, {@code group_vars}/{@code host_vars} and
 * cross-checks are applied by {@link InventoryAssembler}. Mutable on purpose: parsers add to it as
 * they walk the file; the result is immutable.
 */
final class InventoryDraft {

    static final class HostDraft {
        final String name;
        final SourceLocation firstSeen;
        final DefinedOnce<SshField> ssh;
        final DefinedOnce<String> settings; // "address"
        final DefinedOnce<String> vars;

        HostDraft(String name, SourceLocation firstSeen) {
            this.name = name;
            this.firstSeen = firstSeen;
            String owner = "host '" + name + "'";
            this.ssh = new DefinedOnce<>(owner);
            this.settings = new DefinedOnce<>(owner);
            this.vars = new DefinedOnce<>(owner);
        }
    }

    static final class GroupDraft {
        final String name;
        SourceLocation location;
        boolean defined; // false while only named as someone's child, or for the implicit groups
        final List<String> hosts = new ArrayList<>();
        final List<String> children = new ArrayList<>();
        final DefinedOnce<SshField> ssh;
        final DefinedOnce<String> vars;
        Map<String, Object> groupVarsFile = Map.of();

        GroupDraft(String name, SourceLocation location) {
            this.name = name;
            this.location = location;
            String owner = "group '" + name + "'";
            this.ssh = new DefinedOnce<>(owner);
            this.vars = new DefinedOnce<>(owner);
        }
    }

    final Problems problems;
    final Map<String, HostDraft> hosts = new LinkedHashMap<>();
    final Map<String, GroupDraft> groups = new LinkedHashMap<>();

    InventoryDraft(SourceLocation fileItself, Problems problems) {
        this.problems = problems;
        groups.put(Group.ALL, new GroupDraft(Group.ALL, fileItself));
        groups.put(Group.UNGROUPED, new GroupDraft(Group.UNGROUPED, fileItself));
    }

    /** The group, created when first named. */
    GroupDraft group(String name, SourceLocation where) {
        return groups.computeIfAbsent(name, n -> new GroupDraft(n, where));
    }

    /** Marks a group as defined here (not only named as a child), keeping its first definition's place. */
    GroupDraft defineGroup(String name, SourceLocation where) {
        GroupDraft g = group(name, where);
        if (!g.defined && !g.name.equals(Group.ALL) && !g.name.equals(Group.UNGROUPED)) {
            g.location = where;
        }
        g.defined = true;
        return g;
    }

    /** Adds a host to a group, creating the host when first seen. */
    HostDraft hostIn(GroupDraft group, String hostName, SourceLocation where) {
        HostDraft h = hosts.computeIfAbsent(hostName, n -> new HostDraft(n, where));
        if (!group.hosts.contains(hostName)) {
            group.hosts.add(hostName);
        }
        return h;
    }

    void addChild(GroupDraft parent, String childName, SourceLocation where) {
        if (childName.equals(Group.ALL)) {
            problems.add(where, "'all' cannot be a child of group '" + parent.name + "'",
                    "every group is already inside 'all'");
            return;
        }
        if (childName.equals(parent.name)) {
            problems.add(where, "group '" + parent.name + "' cannot be its own child");
            return;
        }
        group(childName, where);
        if (!parent.children.contains(childName)) {
            parent.children.add(childName);
        }
    }
}
