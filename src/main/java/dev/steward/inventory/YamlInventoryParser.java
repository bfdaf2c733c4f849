package dev.steward.inventory;

import dev.steward.inventory.InventoryDraft.GroupDraft;
import dev.steward.inventory.InventoryDraft.HostDraft;
import dev.steward.source.MapReader;
import dev.steward.source.Problems;
import dev.steward.source.Suggestions;
import dev.steward.source.YNode;
import dev.steward.source.YNode.YMap;
import dev.steward.source.YNode.YScalar;
import java.util.List;
import java.util.Optional;

/**
 * Reads Steward's YAML inventory:
 *
 * <pre>
 * all:
 *   ssh: {user: deploy}            # defaults for every host
 *   vars: {node_version: 2.10.0}
 *   hosts:
 *     bastion: {ssh: {host: 203.0.113.7}}
 *   children:
 *     chainlink:
 *       ssh: {jump: bastion}       # defaults for this group's hosts
 *       hosts:
 *         cl1: {ssh: {host: 10.0.0.11}, address: 10.8.0.11, vars: {role: primary}}
 *       children: {…}              # any depth
 * </pre>
 */
final class YamlInventoryParser {

    private static final List<String> TOP = List.of(Group.ALL);
    private static final List<String> GROUP_KEYS = List.of("hosts", "children", "vars", "ssh");
    private static final List<String> HOST_KEYS = List.of("ssh", "address", "vars");

    private final InventoryDraft draft;
    private final SshValueParser sshValues;
    private final Problems problems;

    YamlInventoryParser(InventoryDraft draft, SshValueParser sshValues) {
        this.draft = draft;
        this.sshValues = sshValues;
        this.problems = draft.problems;
    }

    void parse(YNode root) {
        if (root instanceof YScalar s && s.isNull()) {
            return; // an empty inventory: no hosts, still valid
        }
        Optional<MapReader> top = MapReader.of(root, "the inventory (it starts with 'all:')", problems);
        if (top.isEmpty()) {
            return;
        }
        MapReader reader = top.get();
        reader.node(Group.ALL).ifPresent(all -> {
            GroupDraft g = draft.groups.get(Group.ALL);
            g.location = reader.map().keyLocation(Group.ALL);
            group(all, g);
        });
        for (String key : reader.map().keys()) {
            if (!key.equals(Group.ALL)) {
                String hint = Suggestions.didYouMean(key, TOP);
                if (hint.isEmpty()) {
                    hint = "the inventory has one top-level key, 'all'; groups go under all: children:";
                }
                problems.add(reader.map().keyLocation(key), "unknown top-level key '" + key + "' in the inventory",
                        hint);
            }
        }
    }

    private void group(YNode node, GroupDraft g) {
        if (node instanceof YScalar s && s.isNull()) {
            return;
        }
        Optional<MapReader> read = MapReader.of(node, "group '" + g.name + "'", problems);
        if (read.isEmpty()) {
            return;
        }
        MapReader r = read.get();
        r.allowOnly(GROUP_KEYS);
        r.submap("vars").ifPresent(vars -> vars(vars, g.vars, "group '" + g.name + "'"));
        r.submap("ssh").ifPresent(ssh -> ssh(ssh, g.ssh, "group '" + g.name + "'"));
        r.submap("hosts").ifPresent(hosts -> {
            for (YMap.Entry e : hosts.entries().values()) {
                if (InventoryNames.checkHost(e.key(), e.keyLocation(), problems)) {
                    host(e.value(), draft.hostIn(g, e.key(), e.keyLocation()));
                }
            }
        });
        r.submap("children").ifPresent(children -> {
            for (YMap.Entry e : children.entries().values()) {
                if (!InventoryNames.checkGroup(e.key(), e.keyLocation(), problems)) {
                    continue;
                }
                draft.addChild(g, e.key(), e.keyLocation()); // reports 'all' and self-references
                if (e.key().equals(Group.ALL)) {
                    continue;
                }
                group(e.value(), draft.defineGroup(e.key(), e.keyLocation()));
            }
        });
    }

    private void host(YNode node, HostDraft h) {
        if (node instanceof YScalar s && s.isNull()) {
            return; // "web1:" alone just lists the host
        }
        Optional<MapReader> read = MapReader.of(node, "host '" + h.name + "'", problems);
        if (read.isEmpty()) {
            return;
        }
        MapReader r = read.get();
        r.allowOnly(HOST_KEYS);
        r.string("address").ifPresent(a -> h.settings.put("address", "address", a, r.map().get("address").location(),
                problems));
        r.submap("vars").ifPresent(vars -> vars(vars, h.vars, "host '" + h.name + "'"));
        r.submap("ssh").ifPresent(ssh -> ssh(ssh, h.ssh, "host '" + h.name + "'"));
    }

    private void ssh(YMap map, DefinedOnce<SshField> into, String owner) {
        new MapReader(map, "the ssh settings of " + owner, problems).allowOnly(SshField.KEYS);
        for (YMap.Entry e : map.entries().values()) {
            Optional<SshField> field = SshField.byKey(e.key());
            if (field.isEmpty()) {
                continue; // reported by allowOnly
            }
            if (!(e.value() instanceof YScalar s) || s.isNull()) {
                problems.add(e.value().location(), "ssh '" + e.key() + "' of " + owner + " must be a value, not "
                        + e.value().kind());
                continue;
            }
            sshValues.parse(field.get(), s.text(), s.location(), owner, problems)
                    .ifPresent(v -> into.put(field.get(), "ssh." + e.key(), v, s.location(), problems));
        }
    }

    private void vars(YMap map, DefinedOnce<String> into, String owner) {
        for (YMap.Entry e : map.entries().values()) {
            AnsibleVariables.misplacedConnectionAdvice(e.key()).ifPresent(advice ->
                    problems.add(e.keyLocation(), "'" + e.key() + "' in the vars of " + owner
                            + " is an Ansible connection variable", advice));
            into.put(e.key(), e.key(), e.value().toValue(), e.keyLocation(), problems);
        }
    }
}
