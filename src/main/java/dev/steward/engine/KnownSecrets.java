package dev.steward.engine;

import dev.steward.inventory.Host;
import dev.steward.inventory.Inventory;
import dev.steward.inventory.SecretRedaction;
import dev.steward.playbook.Play;
import dev.steward.playbook.Playbook;
import dev.steward.secrets.SecretValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values a run must never print: SSH and become passwords from the inventory, and variables
 * whose names say they are secret (password, secret, token, private_key, …) wherever they are defined,
 * and every value that came out of a vault file.
 */
final class KnownSecrets {

    private KnownSecrets() {
    }

    static List<String> of(Inventory inventory, Playbook playbook, Map<String, Object> extraVars,
            SecretValues vaulted) {
        List<String> out = new ArrayList<>(vaulted.values());
        out.addAll(of(inventory, playbook, extraVars));
        return out;
    }

    static List<String> of(Inventory inventory, Playbook playbook, Map<String, Object> extraVars) {
        List<String> out = new ArrayList<>();
        for (Host h : inventory.hosts().values()) {
            h.ssh().password().ifPresent(out::add);
            h.ssh().becomePassword().ifPresent(out::add);
            collect(inventory.varsFor(h.name()), out);
        }
        for (Play p : playbook.plays()) {
            collect(p.vars(), out);
            collect(p.roleDefaults(), out);
            collect(p.roleVars(), out);
            p.varsFiles().forEach(f -> collect(f.vars(), out));
        }
        collect(extraVars, out);
        return out;
    }

    private static void collect(Map<String, ?> vars, List<String> out) {
        vars.forEach((k, v) -> {
            if (SecretRedaction.isSecretKey(k) && v instanceof String s && !s.contains("${")) {
                out.add(s);
            } else if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, ?> inner = (Map<String, ?>) m;
                collect(inner, out);
            }
        });
    }
}
