package dev.steward.inventory;

import java.util.Map;
import java.util.Optional;

/**
 * Ansible's connection variables ({@code ansible_user=deploy}) as an INI inventory written for
 * Ansible has them. The common ones map to Steward's {@code ssh:} settings; the harmless ones are
 * ignored; the rest are reported, naming what to use instead, so nothing is silently dropped.
 */
final class AnsibleVariables {

    private static final Map<String, SshField> MAPPED = Map.of(
            "ansible_host", SshField.HOST,
            "ansible_port", SshField.PORT,
            "ansible_user", SshField.USER,
            "ansible_ssh_private_key_file", SshField.PRIVATE_KEY,
            "ansible_private_key_file", SshField.PRIVATE_KEY,
            "ansible_password", SshField.PASSWORD,
            "ansible_ssh_pass", SshField.PASSWORD,
            "ansible_become_password", SshField.BECOME_PASSWORD,
            "ansible_become_pass", SshField.BECOME_PASSWORD);

    private static final String YAML = " in a YAML inventory";

    private static final Map<String, String> INSTEAD = Map.ofEntries(
            Map.entry("ansible_ssh_host", "use ansible_host (ssh.host" + YAML + ")"),
            Map.entry("ansible_ssh_port", "use ansible_port (ssh.port" + YAML + ")"),
            Map.entry("ansible_ssh_user", "use ansible_user (ssh.user" + YAML + ")"),
            Map.entry("ansible_host_key_checking", "use ssh.host_key_checking" + YAML),
            Map.entry("ansible_ssh_host_key_checking", "use ssh.host_key_checking" + YAML),
            Map.entry("ansible_timeout", "use ssh.connect_timeout" + YAML),
            Map.entry("ansible_ssh_timeout", "use ssh.connect_timeout" + YAML),
            Map.entry("ansible_ssh_common_args", "for a bastion use ssh.jump" + YAML
                    + "; other OpenSSH options are not supported"),
            Map.entry("ansible_ssh_extra_args", "for a bastion use ssh.jump" + YAML
                    + "; other OpenSSH options are not supported"),
            Map.entry("ansible_become", "use become: in the play or task"),
            Map.entry("ansible_become_user", "use become_user: in the play or task"),
            Map.entry("ansible_become_method", "Steward becomes root with sudo; remove it"));

    private AnsibleVariables() {
    }

    static boolean isAnsibleName(String name) {
        return name.startsWith("ansible_");
    }

    /** The {@code ssh:} setting an Ansible variable stands for, if Steward maps it. */
    static Optional<SshField> sshField(String name) {
        return Optional.ofNullable(MAPPED.get(name));
    }

    /** Variables that mean nothing to Steward but do no harm: dropped without a word. */
    static boolean ignoredSilently(String name, String value) {
        return name.equals("ansible_python_interpreter")
                || (name.equals("ansible_connection") && value.equals("ssh"));
    }

    /** What to use instead of an Ansible variable Steward knows but does not map, if anything. */
    static Optional<String> knownEquivalent(String name) {
        if (name.equals("ansible_connection")) {
            return Optional.of("Steward reaches inventory hosts over SSH only; remove it");
        }
        return Optional.ofNullable(INSTEAD.get(name));
    }

    /** For an unmapped {@code ansible_} variable: what to do instead. */
    static String advice(String name) {
        return knownEquivalent(name).orElse("Steward does not support it; remove it");
    }

    /** For a connection variable found among plain variables (YAML inventory, vars files). */
    static Optional<String> misplacedConnectionAdvice(String name) {
        return sshField(name).map(f -> "connection settings go in the inventory: ssh: " + f.key
                + " (or " + name + " in an INI inventory)").or(() -> Optional.ofNullable(INSTEAD.get(name)));
    }
}
