package dev.steward.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows an inventory the way {@code ansible-inventory} does, so Ansible users can compare:
 * {@link #list} for {@code --list} (JSON, secrets redacted) and {@link #graph} for {@code --graph}.
 */
public final class InventoryPrinter {

    /** Ansible prints keys sorted; we do too, so outputs can be diffed. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private InventoryPrinter() {
    }

    /**
     * {@code ansible-inventory --list}: each non-empty group with its {@code hosts} and
     * {@code children}, and {@code _meta.hostvars} with each host's merged variables plus its
     * {@code ssh} settings. Passwords and other secret-looking values show as {@code <redacted>}.
     */
    public static String list(Inventory inventory) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Group g : inventory.groups().values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            if (!g.name().equals(Group.ALL) && !g.hosts().isEmpty()) {
                entry.put("hosts", g.hosts());
            }
            if (!g.children().isEmpty()) {
                entry.put("children", g.children());
            }
            if (!entry.isEmpty()) {
                out.put(g.name(), entry);
            }
        }
        Map<String, Object> hostvars = new LinkedHashMap<>();
        for (Host h : inventory.hosts().values()) {
            Map<String, Object> vars = new LinkedHashMap<>(inventory.varsFor(h.name()));
            vars.remove("inventory_hostname"); // magic variables: ansible-inventory leaves them out
            vars.remove("group_names");
            vars.remove("groups");
            vars.remove("addresses");
            vars.remove("inventory_dir");
            Map<String, Object> shown = SecretRedaction.redact(vars);
            shown.put("ssh", sshShown(h.ssh()));
            hostvars.put(h.name(), shown);
        }
        out.put("_meta", Map.of("hostvars", hostvars));
        try {
            return JSON.writeValueAsString(out) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The connection settings as the YAML inventory spells them, passwords redacted. */
    private static Map<String, Object> sshShown(SshSettings ssh) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", ssh.host());
        out.put("port", ssh.port());
        out.put("user", ssh.user());
        ssh.privateKey().ifPresent(k -> out.put("private_key", k.toString()));
        ssh.password().ifPresent(p -> out.put("password", SecretRedaction.REDACTED));
        out.put("known_hosts", ssh.knownHosts().toString());
        out.put("host_key_checking", ssh.hostKeyChecking().name().toLowerCase().replace('_', '-'));
        ssh.jump().ifPresent(j -> out.put("jump", j));
        out.put("connect_timeout", ssh.connectTimeout().toSeconds());
        ssh.becomePassword().ifPresent(p -> out.put("become_password", SecretRedaction.REDACTED));
        return out;
    }

    /** {@code ansible-inventory --graph}: the whole tree from {@code all}. */
    public static String graph(Inventory inventory) {
        return graph(inventory, Group.ALL);
    }

    /**
     * {@code ansible-inventory --graph GROUP}: child groups first, then hosts, each sorted by name;
     * {@code all}'s own hosts are not repeated (they show under {@code ungrouped} or their groups).
     */
    public static String graph(Inventory inventory, String groupName) {
        Group root = inventory.group(groupName).orElseThrow(
                () -> new IllegalArgumentException("no group '" + groupName + "' in " + inventory.source()));
        List<String> lines = new ArrayList<>();
        graph(inventory, root, 0, lines);
        return String.join("\n", lines) + "\n";
    }

    private static void graph(Inventory inventory, Group group, int depth, List<String> lines) {
        lines.add(indent(depth) + "@" + group.name() + ":");
        group.children().stream().sorted().forEach(child -> inventory.group(child)
                .ifPresent(g -> graph(inventory, g, depth + 1, lines)));
        if (!group.name().equals(Group.ALL)) {
            group.hosts().stream().sorted().forEach(host -> lines.add(indent(depth + 1) + host));
        }
    }

    private static String indent(int depth) {
        return depth == 0 ? "" : "  |".repeat(depth) + "--";
    }
}
