package dev.steward.schema;

import static dev.steward.schema.ScalarSchemas.JSON;
import static dev.steward.schema.ScalarSchemas.anyOf;
import static dev.steward.schema.ScalarSchemas.booleanLiteral;
import static dev.steward.schema.ScalarSchemas.described;
import static dev.steward.schema.ScalarSchemas.integerLiteral;
import static dev.steward.schema.ScalarSchemas.oneOrMoreStrings;
import static dev.steward.schema.ScalarSchemas.ref;
import static dev.steward.schema.ScalarSchemas.strings;
import static dev.steward.schema.ScalarSchemas.text;
import static dev.steward.schema.ScalarSchemas.variables;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.module.Module;
import dev.steward.module.ModuleRegistry;
import dev.steward.playbook.Keywords;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The playbook language as a JSON Schema (draft 2020-12): a list of plays or {@code import_playbook}
 * entries; plays, tasks, handlers, blocks, includes and roles with exactly the keywords of
 * {@link Keywords}; a task names exactly one module, whose parameters come from its spec. Every map
 * is closed ({@code additionalProperties: false}), so an editor flags an unknown key as Steward does.
 */
final class PlaybookSchema {

    private static final Map<String, Supplier<ObjectNode>> KEYWORDS = Map.ofEntries(
            Map.entry("name", () -> described(text(), "a name shown in the output")),
            Map.entry("hosts", () -> described(text(), "a host pattern: a group or host, a:b, a:!b, a:&b, globs")),
            Map.entry("vars", () -> described(variables(), "variables; a value may use ${…}")),
            Map.entry("vars_files", () -> described(oneOrMoreStrings(),
                    "YAML files of variables, beside the playbook (plain names, no ${…})")),
            Map.entry("gather_facts", () -> described(booleanLiteral(), "gather facts first (default: true)")),
            Map.entry("force_handlers", () -> described(booleanLiteral(),
                    "run notified handlers even on hosts that failed")),
            Map.entry("any_errors_fatal", () -> described(booleanLiteral(),
                    "end the play for every host when one fails")),
            Map.entry("serial", () -> {
                ObjectNode size = anyOf(integerLiteral(1, 100_000),
                        JSON.objectNode().put("type", "string").put("pattern", "^\\s*[0-9]+\\s*%?\\s*$"));
                ObjectNode list = JSON.objectNode().put("type", "array");
                list.set("items", size.deepCopy());
                return described(anyOf(size, list),
                        "batch sizes: a count, a percentage, or a list of them (the last repeats)");
            }),
            Map.entry("order", () -> described(text(), "inventory, reverse_inventory, sorted, reverse_sorted, "
                    + "shuffle, or an expression per host (false first): standbys first, the lease holder last")),
            Map.entry("health_check", () -> {
                ObjectNode gate = JSON.objectNode().put("type", "object").put("additionalProperties", false);
                ObjectNode props = gate.putObject("properties");
                ObjectNode http = props.putObject("http").put("type", "object").put("additionalProperties", false);
                http.putArray("required").add("url");
                ObjectNode hp = http.putObject("properties");
                hp.set("url", text());
                hp.set("status", anyOf(integerLiteral(100, 599), JSON.objectNode().put("type", "array")));
                hp.set("body", text());
                ObjectNode tcp = props.putObject("tcp").put("type", "object").put("additionalProperties", false);
                tcp.putArray("required").add("port");
                ObjectNode tp = tcp.putObject("properties");
                tp.set("host", text());
                tp.set("port", anyOf(integerLiteral(1, 65535), text()));
                tp.set("state", JSON.objectNode().set("enum", strings("open", "refused")));
                props.set("command", text());
                props.set("from", JSON.objectNode().set("enum", strings("host", "controller")));
                props.set("interval", integerLiteral(1, 3600));
                props.set("timeout", integerLiteral(1, 86400));
                props.set("successes", integerLiteral(1, 100));
                return described(gate, "the gate each batch must pass before the next: http, tcp or command, "
                        + "polled until it passes 'successes' times in a row within 'timeout' seconds");
            }),
            Map.entry("max_fail_percentage", () -> described(integerLiteral(0, 100),
                    "stop the play when more of a batch than this failed")),
            Map.entry("tasks", () -> ref("tasks")),
            Map.entry("pre_tasks", () -> ref("tasks")),
            Map.entry("post_tasks", () -> ref("tasks")),
            Map.entry("handlers", () -> ref("handlers")),
            Map.entry("roles", () -> {
                ObjectNode s = JSON.objectNode().put("type", "array");
                s.set("items", ref("role"));
                return described(s, "roles from roles/NAME beside the playbook or one folder up");
            }),
            Map.entry("when", () -> described(anyOf(condition(), conditionList()),
                    "a FreeMarker expression without ${ }, or a list of them that must all hold")),
            Map.entry("become", () -> described(booleanLiteral(), "run as another user through sudo")),
            Map.entry("become_user", () -> described(text(), "the user to become (default: root)")),
            Map.entry("tags", () -> described(oneOrMoreStrings(), "tags for --tags and --skip-tags")),
            Map.entry("ignore_errors", () -> described(booleanLiteral(), "a failure does not stop the host")),
            Map.entry("no_log", () -> described(booleanLiteral(), "hide results, failures and diffs")),
            Map.entry("delegate_to", () -> described(text(), "run on this inventory host, or localhost, instead")),
            Map.entry("run_once", () -> described(anyOf(booleanLiteral(), JSON.objectNode().put("const", "play")),
                    "true: once per batch, as in Ansible; play: once per play")),
            Map.entry("check_mode", () -> described(booleanLiteral(),
                    "true: only report what would change; false: change even under --check")),
            Map.entry("diff", () -> described(booleanLiteral(), "show file changes as diffs")),
            Map.entry("environment", () -> {
                ObjectNode s = JSON.objectNode().put("type", "object");
                s.putObject("propertyNames").put("pattern", ScalarSchemas.VARIABLE_NAME);
                return described(s, "environment variables for the task's commands (never on a command line)");
            }),
            Map.entry("loop", () -> described(anyOf(JSON.objectNode().put("type", "array"),
                    JSON.objectNode().put("type", "string").put("pattern", "^\\s*\\$\\{")),
                    "a list, or one ${expression} that gives a list")),
            Map.entry("loop_control", PlaybookSchema::loopControl),
            Map.entry("register", () -> described(JSON.objectNode().put("type", "string")
                    .put("pattern", ScalarSchemas.VARIABLE_NAME), "the variable that keeps the result")),
            Map.entry("notify", () -> described(oneOrMoreStrings(), "handlers to run when this task changed")),
            Map.entry("listen", () -> described(oneOrMoreStrings(), "other names this handler is notified by")),
            Map.entry("changed_when", () -> described(condition(), "one FreeMarker expression: changed when true")),
            Map.entry("failed_when", () -> described(condition(), "one FreeMarker expression: failed when true")),
            Map.entry("until", () -> described(condition(), "retry until this FreeMarker expression holds")),
            Map.entry("retries", () -> described(integerLiteral(0, 10_000), "how many times to retry (default: 3)")),
            Map.entry("delay", () -> described(integerLiteral(0, 86_400), "seconds between tries (default: 5)")),
            Map.entry("role", () -> described(text(), "the role's name")));

    private final ModuleRegistry modules;

    PlaybookSchema(ModuleRegistry modules) {
        this.modules = modules;
    }

    ObjectNode build() {
        ObjectNode root = JSON.objectNode();
        root.put("$schema", SchemaGenerator.DIALECT);
        root.put("$id", "https://steward.dev/schema/playbook.json");
        root.put("title", "Steward playbook");
        root.put("description", "A list of plays, or import_playbook entries");
        root.put("type", "array");
        root.set("items", anyOf(ref("import_playbook"), ref("play")));
        ObjectNode defs = root.putObject("$defs");
        defs.set("import_playbook", importPlaybook());
        defs.set("play", closed(Keywords.PLAY, List.of("hosts"), "a play: hosts and what to run on them"));
        defs.set("tasks", list("taskItem", "a list of tasks, blocks and task files"));
        defs.set("handlers", list("handlerItem", "a list of handlers"));
        defs.set("taskItem", oneOf(ref("block"), ref("taskFile"), ref("task")));
        defs.set("handlerItem", oneOf(ref("handlerBlock"), ref("taskFile"), ref("handler")));
        defs.set("task", task(Keywords.TASK, "a task: exactly one module and task keywords"));
        defs.set("handler", task(Keywords.HANDLER, "a handler: a task that runs when notified"));
        defs.set("block", block(Keywords.BLOCK, "tasks", "tasks; rescue runs when one fails, always runs anyway"));
        defs.set("handlerBlock", block(Keywords.BLOCK.stream().filter(k -> !k.equals("rescue") && !k.equals("always"))
                .toList(), "handlers", "handlers sharing keywords"));
        defs.set("taskFile", taskFile());
        defs.set("role", anyOf(described(JSON.objectNode().put("type", "string"), "the role's name"),
                role()));
        for (String name : modules.names()) {
            Module m = modules.find(name).orElseThrow();
            defs.set("module." + name, ModuleSchemas.of(m));
        }
        return root;
    }

    private static ObjectNode importPlaybook() {
        ObjectNode s = JSON.objectNode().put("type", "object");
        ObjectNode props = s.putObject("properties");
        props.set("import_playbook", described(JSON.objectNode().put("type", "string"),
                "a playbook file beside this one (a plain name)"));
        props.set("name", keyword("name"));
        s.set("required", strings("import_playbook"));
        s.put("additionalProperties", false);
        return s;
    }

    private ObjectNode task(List<String> keywords, String description) {
        ObjectNode s = JSON.objectNode().put("type", "object");
        ObjectNode props = s.putObject("properties");
        keywords.forEach(k -> props.set(k, keyword(k)));
        ArrayNode exactlyOne = JSON.arrayNode();
        for (String name : modules.names()) {
            props.set(name, ref("module." + name));
            exactlyOne.add(JSON.objectNode().set("required", strings(name)));
        }
        s.set("oneOf", exactlyOne);
        s.put("additionalProperties", false);
        return described(s, description);
    }

    private static ObjectNode block(List<String> keywords, String listDef, String description) {
        ObjectNode s = JSON.objectNode().put("type", "object");
        ObjectNode props = s.putObject("properties");
        for (String k : keywords) {
            props.set(k, List.of("block", "rescue", "always").contains(k) ? ref(listDef) : keyword(k));
        }
        s.set("required", strings("block"));
        s.put("additionalProperties", false);
        return described(s, description);
    }

    private static ObjectNode taskFile() {
        ObjectNode s = JSON.objectNode().put("type", "object");
        ObjectNode props = s.putObject("properties");
        for (String k : Keywords.INCLUDE) {
            if (Keywords.TASK_FILE_KEYS.contains(k)) {
                ObjectNode file = JSON.objectNode().put("type", "object");
                file.putObject("properties").set("file", JSON.objectNode().put("type", "string"));
                file.set("required", strings("file"));
                file.put("additionalProperties", false);
                props.set(k, described(anyOf(JSON.objectNode().put("type", "string"), file),
                        "a task file, found beside this file or the playbook (a plain name, no ${…})"));
            } else {
                props.set(k, keyword(k));
            }
        }
        ArrayNode one = JSON.arrayNode();
        Keywords.TASK_FILE_KEYS.stream().sorted().forEach(k -> one.add(JSON.objectNode().set("required", strings(k))));
        s.set("oneOf", one);
        s.put("additionalProperties", false);
        return described(s, "import_tasks (read into the play) or include_tasks (its when is tested once)");
    }

    private static ObjectNode role() {
        ObjectNode s = closed(Keywords.ROLE, List.of(), "a role with keywords for its tasks");
        ArrayNode named = JSON.arrayNode();
        named.add(JSON.objectNode().set("required", strings("role")));
        named.add(JSON.objectNode().set("required", strings("name")));
        s.set("anyOf", named);
        return s;
    }

    private static ObjectNode loopControl() {
        ObjectNode s = JSON.objectNode().put("type", "object");
        ObjectNode props = s.putObject("properties");
        for (String k : Keywords.LOOP_CONTROL) {
            props.set(k, switch (k) {
                case "loop_var" -> described(JSON.objectNode().put("type", "string")
                        .put("pattern", ScalarSchemas.VARIABLE_NAME), "the item's variable name (default: item)");
                case "label" -> described(text(), "what to show for each item");
                default -> throw new IllegalStateException("no schema for loop_control key '" + k + "'");
            });
        }
        s.put("additionalProperties", false);
        return described(s, "how the loop names its item and shows it");
    }

    private static ObjectNode closed(List<String> keywords, List<String> required, String description) {
        ObjectNode s = JSON.objectNode().put("type", "object");
        ObjectNode props = s.putObject("properties");
        keywords.forEach(k -> props.set(k, keyword(k)));
        if (!required.isEmpty()) {
            s.set("required", strings(required));
        }
        s.put("additionalProperties", false);
        return described(s, description);
    }

    /** The schema of one keyword; a keyword added to {@link Keywords} without one fails loudly here. */
    static ObjectNode keyword(String name) {
        Supplier<ObjectNode> s = KEYWORDS.get(name);
        if (s == null) {
            throw new IllegalStateException("no schema for the keyword '" + name + "': add it to PlaybookSchema");
        }
        return s.get();
    }

    private static ObjectNode condition() {
        return text();
    }

    private static ObjectNode conditionList() {
        ObjectNode s = JSON.objectNode().put("type", "array");
        s.set("items", text());
        return s;
    }

    private static ObjectNode list(String itemDef, String description) {
        ObjectNode s = JSON.objectNode();
        s.set("type", strings("array", "null"));
        s.set("items", ref(itemDef));
        return described(s, description);
    }

    private static ObjectNode oneOf(ObjectNode... options) {
        ObjectNode s = JSON.objectNode();
        ArrayNode list = s.putArray("oneOf");
        for (ObjectNode o : options) {
            list.add(o);
        }
        return s;
    }
}
