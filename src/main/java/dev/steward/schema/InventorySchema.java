package dev.steward.schema;

import static dev.steward.schema.ScalarSchemas.JSON;
import static dev.steward.schema.ScalarSchemas.anyOf;
import static dev.steward.schema.ScalarSchemas.described;
import static dev.steward.schema.ScalarSchemas.ref;
import static dev.steward.schema.ScalarSchemas.strings;
import static dev.steward.schema.ScalarSchemas.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Steward's YAML inventory as a JSON Schema (draft 2020-12): {@code all} with {@code hosts},
 * {@code children} (any depth), {@code vars} and {@code ssh}; a host with {@code ssh},
 * {@code address} and {@code vars}. The keys are those of the inventory reader
 * ({@code YamlInventoryParser}, {@code SshField}); Ansible INI inventories have no schema.
 */
final class InventorySchema {

    /** The ssh: settings, in the order of {@code SshField}, with their types. */
    static Map<String, ObjectNode> sshSettings() {
        Map<String, ObjectNode> ssh = new LinkedHashMap<>();
        ssh.put("host", described(text(), "the name or address to connect to (default: the host's name)"));
        ssh.put("port", described(anyOf(JSON.objectNode().put("type", "integer").put("minimum", 1)
                .put("maximum", 65535), JSON.objectNode().put("type", "string").put("pattern", "^\\s*[0-9]+\\s*$")),
                "the SSH port (default: 22)"));
        ssh.put("user", described(text(), "the login user"));
        ssh.put("private_key", described(text(),
                "a private key file, relative to the inventory's folder or ~/…; passphrase from STEWARD_KEY_PASSPHRASE"));
        ssh.put("password", described(text(), "the login password (never printed)"));
        ssh.put("known_hosts", described(text(), "the known_hosts file (default: ~/.ssh/known_hosts)"));
        ssh.put("host_key_checking", described(JSON.objectNode().set("enum",
                strings("strict", "accept-new", "off")),
                "strict (default): the key must be known; accept-new records a new host's key; off trusts any key"));
        ssh.put("jump", described(text(), "a bastion: an inventory host name, or user@host:port"));
        ssh.put("connect_timeout", described(anyOf(JSON.objectNode().put("type", "integer").put("minimum", 1),
                JSON.objectNode().put("type", "string").put("pattern", "^\\s*[0-9]{1,6}\\s*(s|m)?\\s*$")),
                "seconds (30, \"30s\") or minutes (\"2m\")"));
        ssh.put("become_password", described(text(), "the sudo password for become (never printed)"));
        return ssh;
    }

    ObjectNode build() {
        ObjectNode root = JSON.objectNode();
        root.put("$schema", SchemaGenerator.DIALECT);
        root.put("$id", "https://steward.dev/schema/inventory.json");
        root.put("title", "Steward inventory");
        root.put("description", "all: with hosts, children, vars and ssh settings");
        root.set("type", strings("object", "null"));
        root.putObject("properties").set("all", ref("group"));
        root.put("additionalProperties", false);
        ObjectNode defs = root.putObject("$defs");
        defs.set("group", group());
        defs.set("host", host());
        defs.set("ssh", ssh());
        defs.set("vars", described(JSON.objectNode().set("type", strings("object", "null")),
                "variables for the hosts; connection settings go under ssh:"));
        return root;
    }

    private static ObjectNode group() {
        ObjectNode s = JSON.objectNode();
        s.set("type", strings("object", "null"));
        ObjectNode props = s.putObject("properties");
        ObjectNode hosts = JSON.objectNode();
        hosts.set("type", strings("object", "null"));
        hosts.set("additionalProperties", ref("host"));
        props.set("hosts", described(hosts, "the group's hosts by name"));
        ObjectNode children = JSON.objectNode();
        children.set("type", strings("object", "null"));
        children.set("additionalProperties", ref("group"));
        props.set("children", described(children, "groups inside this one, any depth"));
        props.set("vars", ref("vars"));
        props.set("ssh", described(ref("ssh"), "defaults for the group's hosts"));
        s.put("additionalProperties", false);
        return described(s, "a group");
    }

    private static ObjectNode host() {
        ObjectNode s = JSON.objectNode();
        s.set("type", strings("object", "null"));
        ObjectNode props = s.putObject("properties");
        props.set("ssh", described(ref("ssh"), "how to connect to this host"));
        props.set("address", described(text(), "the address other hosts use to reach this one (default: ssh.host)"));
        props.set("vars", ref("vars"));
        s.put("additionalProperties", false);
        return described(s, "a host");
    }

    private static ObjectNode ssh() {
        ObjectNode s = JSON.objectNode().put("type", "object");
        ObjectNode props = s.putObject("properties");
        sshSettings().forEach(props::set);
        s.put("additionalProperties", false);
        return described(s, "connection settings");
    }
}
