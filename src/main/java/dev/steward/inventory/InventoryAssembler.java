package dev.steward.inventory;

import dev.steward.inventory.InventoryDraft.GroupDraft;
import dev.steward.inventory.InventoryDraft.HostDraft;
import dev.steward.source.FileDecryptor;
import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.Suggestions;
import dev.steward.transport.SshEndpoint.HostKeyChecking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns what a parser read into an {@link Inventory}: completes {@code all} and {@code ungrouped},
 * overlays {@code group_vars}/{@code host_vars}, applies SSH defaults group by group, and checks
 * what only the whole inventory can show (cycles, unknown names, jump hosts).
 */
final class InventoryAssembler {

    private final Path source;
    private final InventoryDraft draft;
    private final LocalUser localUser;
    private final Problems problems;
    private final FileDecryptor decryptor;

    InventoryAssembler(Path source, InventoryDraft draft, LocalUser localUser) {
        this(source, draft, localUser, FileDecryptor.NO_PASSWORD);
    }

    /** @param decryptor opens {@code group_vars}/{@code host_vars} files that are whole vault files */
    InventoryAssembler(Path source, InventoryDraft draft, LocalUser localUser, FileDecryptor decryptor) {
        this.source = source;
        this.draft = draft;
        this.localUser = localUser;
        this.problems = draft.problems;
        this.decryptor = decryptor;
    }

    Inventory assemble() {
        completeImplicitGroups();
        checkNameClashes();
        checkCycles();
        Path folder = source.toAbsolutePath().getParent();
        overlayGroupVars(new VarsDirectory(folder.resolve("group_vars"), "group_vars", problems, decryptor).read());
        Map<String, Map<String, Object>> hostVarsFiles =
                hostVarsFiles(new VarsDirectory(folder.resolve("host_vars"), "host_vars", problems, decryptor).read());

        Map<String, Group> groups = new LinkedHashMap<>();
        draft.groups.values().forEach(g -> groups.put(g.name,
                new Group(g.name, g.hosts, g.children, varsOf(g), g.location)));

        Map<String, Host> hosts = new LinkedHashMap<>();
        for (HostDraft h : draft.hosts.values()) {
            Map<String, Object> vars = varsOf(h.vars);
            vars.putAll(hostVarsFiles.getOrDefault(h.name, Map.of()));
            SshSettings ssh = sshSettings(h);
            String address = h.settings.get("address").map(a -> (String) a.value()).orElse(ssh.host());
            hosts.put(h.name, new Host(h.name, ssh, address, vars, h.firstSeen));
        }
        checkJumps(hosts);
        return new Inventory(source, hosts, groups);
    }

    /** Ansible's rules: top-level groups are children of 'all', 'ungrouped' holds hosts in no other group. */
    private void completeImplicitGroups() {
        GroupDraft all = draft.groups.get(Group.ALL);
        GroupDraft ungrouped = draft.groups.get(Group.UNGROUPED);
        Set<String> haveParent = draft.groups.values().stream().flatMap(g -> g.children.stream())
                .collect(Collectors.toSet());
        List<String> children = new ArrayList<>();
        children.add(Group.UNGROUPED);
        all.children.stream().filter(c -> !c.equals(Group.UNGROUPED)).forEach(children::add);
        draft.groups.values().stream()
                .filter(g -> !g.name.equals(Group.ALL) && !haveParent.contains(g.name) && !children.contains(g.name))
                .forEach(g -> children.add(g.name));
        all.children.clear();
        all.children.addAll(children);

        Set<String> inRealGroups = draft.groups.values().stream()
                .filter(g -> !g.name.equals(Group.ALL) && !g.name.equals(Group.UNGROUPED))
                .flatMap(g -> g.hosts.stream()).collect(Collectors.toSet());
        List<String> alone = draft.hosts.keySet().stream().filter(h -> !inRealGroups.contains(h)).toList();
        ungrouped.hosts.clear();
        ungrouped.hosts.addAll(alone);
    }

    private void checkNameClashes() {
        for (HostDraft h : draft.hosts.values()) {
            GroupDraft g = draft.groups.get(h.name);
            if (g != null) {
                problems.add(h.firstSeen, "'" + h.name + "' is both a host and a group (defined at " + g.location
                        + ")", "rename one: host patterns like --limit " + h.name + " must mean one thing");
            }
        }
    }

    private void checkCycles() {
        Set<String> reported = new HashSet<>();
        for (GroupDraft start : draft.groups.values()) {
            findCycle(start.name, new LinkedHashSet<>()).ifPresent(cycle -> {
                if (reported.add(String.join(",", cycle.stream().sorted().toList()))) {
                    problems.add(draft.groups.get(cycle.get(0)).location, "groups contain each other: "
                            + String.join(" -> ", cycle) + " -> " + cycle.get(0), "remove one of the children entries");
                }
            });
        }
    }

    private Optional<List<String>> findCycle(String name, LinkedHashSet<String> path) {
        if (path.contains(name)) {
            List<String> list = new ArrayList<>(path);
            return Optional.of(list.subList(list.indexOf(name), list.size()));
        }
        GroupDraft g = draft.groups.get(name);
        if (g == null) {
            return Optional.empty();
        }
        path.add(name);
        for (String child : g.children) {
            Optional<List<String>> found = findCycle(child, path);
            if (found.isPresent()) {
                return found;
            }
        }
        path.remove(name);
        return Optional.empty();
    }

    /** group_vars files come right after the group's inventory vars, so overlaying them is exact. */
    private void overlayGroupVars(List<VarsDirectory.Vars> files) {
        for (VarsDirectory.Vars file : files) {
            GroupDraft g = draft.groups.get(file.name());
            if (g == null) {
                String hint = Suggestions.didYouMean(file.name(), draft.groups.keySet());
                problems.add(file.source(), "group_vars for group '" + file.name()
                        + "', which the inventory does not define",
                        hint.isEmpty() ? "rename the file or add the group to the inventory" : hint);
                continue;
            }
            checkConnectionVars(file);
            g.groupVarsFile = file.values();
        }
    }

    private Map<String, Map<String, Object>> hostVarsFiles(List<VarsDirectory.Vars> files) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (VarsDirectory.Vars file : files) {
            if (!draft.hosts.containsKey(file.name())) {
                String hint = Suggestions.didYouMean(file.name(), draft.hosts.keySet());
                problems.add(file.source(), "host_vars for host '" + file.name()
                        + "', which the inventory does not define",
                        hint.isEmpty() ? "rename the file or add the host to the inventory" : hint);
                continue;
            }
            checkConnectionVars(file);
            out.put(file.name(), file.values());
        }
        return out;
    }

    private void checkConnectionVars(VarsDirectory.Vars file) {
        file.keyLocations().forEach((key, where) -> AnsibleVariables.misplacedConnectionAdvice(key).ifPresent(
                advice -> problems.add(where, "'" + key + "' is an Ansible connection variable", advice)));
    }

    private static Map<String, Object> varsOf(DefinedOnce<String> vars) {
        return new LinkedHashMap<>(vars.plain());
    }

    private static Map<String, Object> varsOf(GroupDraft g) {
        Map<String, Object> vars = varsOf(g.vars);
        vars.putAll(g.groupVarsFile);
        return vars;
    }

    /**
     * The host's own settings win; then the nearest groups' (the groups listing the host, then their
     * parents, …, then 'all'). Two groups at the same distance that disagree are a problem: picking
     * one silently could log in as the wrong user.
     */
    private SshSettings sshSettings(HostDraft h) {
        Map<SshField, Object> chosen = new EnumMap<>(SshField.class);
        chosen.putAll(h.ssh.plain());
        for (List<GroupDraft> level : groupsByDistance(h.name)) {
            for (SshField field : SshField.values()) {
                if (chosen.containsKey(field)) {
                    continue;
                }
                Map<String, Object> offers = new LinkedHashMap<>();
                level.forEach(g -> g.ssh.get(field).ifPresent(v -> offers.put(g.name, v.value())));
                if (new HashSet<>(offers.values()).size() > 1) {
                    problems.add(h.firstSeen, "host '" + h.name + "' gets different ssh '" + field.key
                            + "' settings from groups " + String.join(" and ", offers.keySet()),
                            "set ssh " + field.key + " on the host, or on only one of these groups");
                }
                offers.values().stream().findFirst().ifPresent(v -> chosen.put(field, v));
            }
        }
        String host = (String) chosen.getOrDefault(SshField.HOST, h.name);
        return new SshSettings(
                host,
                (Integer) chosen.getOrDefault(SshField.PORT, SshSettings.DEFAULT_PORT),
                (String) chosen.getOrDefault(SshField.USER, localUser.name()),
                Optional.ofNullable((Path) chosen.get(SshField.PRIVATE_KEY)),
                Optional.ofNullable((String) chosen.get(SshField.PASSWORD)),
                (Path) chosen.getOrDefault(SshField.KNOWN_HOSTS, localUser.home().resolve(".ssh/known_hosts")),
                (HostKeyChecking) chosen.getOrDefault(SshField.HOST_KEY_CHECKING, HostKeyChecking.STRICT),
                Optional.ofNullable((String) chosen.get(SshField.JUMP)),
                (Duration) chosen.getOrDefault(SshField.CONNECT_TIMEOUT, SshSettings.DEFAULT_CONNECT_TIMEOUT),
                Optional.ofNullable((String) chosen.get(SshField.BECOME_PASSWORD)));
    }

    /**
     * Level 0: the groups listing the host; level n+1: the parents of level n not seen before.
     * 'all' is always the last level on its own: it is the parent of every top-level group, yet
     * it is the farthest default, not a rival of theirs.
     */
    private List<List<GroupDraft>> groupsByDistance(String hostName) {
        Map<String, List<String>> parents = new LinkedHashMap<>();
        draft.groups.values().forEach(g -> g.children.forEach(
                c -> parents.computeIfAbsent(c, k -> new ArrayList<>()).add(g.name)));
        List<List<GroupDraft>> levels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(Group.ALL);
        List<GroupDraft> level = draft.groups.values().stream()
                .filter(g -> !g.name.equals(Group.ALL) && g.hosts.contains(hostName)).toList();
        while (!level.isEmpty()) {
            level.forEach(g -> seen.add(g.name));
            levels.add(level);
            level = level.stream()
                    .flatMap(g -> parents.getOrDefault(g.name, List.of()).stream())
                    .distinct()
                    .filter(p -> !seen.contains(p))
                    .map(draft.groups::get)
                    .toList();
        }
        levels.add(List.of(draft.groups.get(Group.ALL)));
        return levels;
    }

    /** A jump naming an inventory host must not lead back to where it started. */
    private void checkJumps(Map<String, Host> hosts) {
        for (Host start : hosts.values()) {
            List<String> chain = new ArrayList<>(List.of(start.name()));
            Optional<String> next = start.ssh().jump();
            while (next.isPresent() && hosts.containsKey(next.get())) {
                if (next.get().equals(start.name())) {
                    SourceLocation at = draft.hosts.get(start.name()).ssh.get(SshField.JUMP)
                            .map(Located::where).orElse(start.location());
                    problems.add(at, "ssh jump hosts go round in a circle: " + String.join(" -> ", chain) + " -> "
                            + next.get(), "one of them must be reachable directly");
                    break;
                }
                if (chain.contains(next.get())) {
                    break; // a circle that does not pass through this host: reported from its members
                }
                chain.add(next.get());
                next = hosts.get(next.get()).ssh().jump();
            }
        }
    }
}
