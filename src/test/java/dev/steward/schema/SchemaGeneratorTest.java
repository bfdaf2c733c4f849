package dev.steward.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.module.Module;
import dev.steward.module.ModuleRegistry;
import dev.steward.module.Param;
import dev.steward.playbook.Keywords;
import dev.steward.source.Problems;
import dev.steward.source.YNode;
import dev.steward.source.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SchemaGeneratorTest {

    private static final ModuleRegistry MODULES = ModuleRegistry.standard();
    private final SchemaGenerator generator = new SchemaGenerator(MODULES);
    private final ObjectNode playbook = generator.playbook();
    private final ObjectNode inventory = generator.inventory();
    private final MiniSchemaValidator playbooks = new MiniSchemaValidator(playbook);
    private final MiniSchemaValidator inventories = new MiniSchemaValidator(inventory);

    @Test
    void bothAreDraft2020JsonThatReadsBack() throws IOException {
        for (ObjectNode schema : List.of(playbook, inventory)) {
            String printed = SchemaGenerator.print(schema);
            ObjectMapper mapper = new ObjectMapper();
            assertThat(SchemaGenerator.print((ObjectNode) mapper.readTree(printed))).isEqualTo(printed);
            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        }
    }

    @Test
    void tasksAndHandlersNameEveryModuleAndKeyword() {
        JsonNode defs = playbook.get("$defs");
        for (String module : MODULES.names()) {
            assertThat(defs.has("module." + module)).as(module).isTrue();
            assertThat(defs.at("/task/properties").has(module)).as(module).isTrue();
            assertThat(defs.at("/handler/properties").has(module)).as(module).isTrue();
        }
        assertThat(names(defs.at("/task/properties"))).containsAll(Keywords.TASK).doesNotContain("listen");
        assertThat(names(defs.at("/handler/properties"))).containsAll(Keywords.HANDLER);
        assertThat(names(defs.at("/play/properties"))).containsExactlyInAnyOrderElementsOf(Keywords.PLAY);
        assertThat(names(defs.at("/block/properties"))).containsExactlyInAnyOrderElementsOf(Keywords.BLOCK);
        assertThat(names(defs.at("/taskFile/properties"))).containsExactlyInAnyOrderElementsOf(Keywords.INCLUDE);
        assertThat(names(defs.at("/role/anyOf/1/properties"))).containsExactlyInAnyOrderElementsOf(Keywords.ROLE);
    }

    @Test
    void everyParameterIsDescribedWithItsDocAndAliases() {
        for (String name : MODULES.names()) {
            Module m = MODULES.find(name).orElseThrow();
            JsonNode def = playbook.at("/$defs/module." + name);
            JsonNode props = def.has("properties") ? def.get("properties") : def.at("/anyOf/0/properties");
            for (Param p : m.spec().params()) {
                assertThat(props.at("/" + p.name() + "/description").asText()).as(name + "." + p.name())
                        .contains(p.doc());
                for (String alias : p.aliases()) {
                    assertThat(props.has(alias)).as(name + " alias " + alias).isTrue();
                }
            }
        }
    }

    @Test
    void everyMapIsClosedSoEditorsFlagUnknownKeys() {
        List<String> open = new ArrayList<>();
        walk(playbook, "", open);
        walk(inventory, "", open);
        // set_fact takes any variable name, as Steward does
        assertThat(open).containsExactly("/$defs/module.set_fact/anyOf/0");
    }

    private static void walk(JsonNode node, String at, List<String> open) {
        if (node.isObject()) {
            if (node.has("properties") && !(node.has("additionalProperties")
                    && node.get("additionalProperties").isBoolean() && !node.get("additionalProperties").asBoolean())) {
                open.add(at);
            }
            node.fields().forEachRemaining(f -> walk(f.getValue(), at + "/" + f.getKey(), open));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, open);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> shippedAndTestPlaybooksValidate() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("playbooks/site.yml")));
        try (Stream<Path> valid = Files.list(Path.of("src/test/resources/playbooks/valid"))) {
            valid.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(files::add);
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () ->
                assertThat(playbooks.errors(YamlAsEditorSeesIt.read(f.toString(), Files.readString(f)))).isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> everySemanticsScenarioValidates() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> scenarios = Files.list(Path.of("src/test/resources/semantics"))) {
            for (Path f : scenarios.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                YNode.YMap scenario = (YNode.YMap) new YamlReader(new Problems()).read(f);
                if (scenario.get("playbook") instanceof YNode.YScalar p) {
                    tests.add(DynamicTest.dynamicTest(f.getFileName() + " playbook", () -> assertThat(
                            playbooks.errors(YamlAsEditorSeesIt.read(f + " playbook", p.text()))).isEmpty()));
                }
                if (scenario.get("inventory") instanceof YNode.YScalar i) {
                    tests.add(DynamicTest.dynamicTest(f.getFileName() + " inventory", () -> assertThat(
                            inventories.errors(YamlAsEditorSeesIt.read(f + " inventory", i.text()))).isEmpty()));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(20);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> testInventoriesValidate() {
        return Stream.of("yaml-nested", "vars-files", "secrets", "precedence", "unknown-group-vars")
                .map(d -> Path.of("src/test/resources/inventory", d, "inventory.yml"))
                .map(f -> DynamicTest.dynamicTest(f.toString(), () -> assertThat(
                        inventories.errors(YamlAsEditorSeesIt.read(f.toString(), Files.readString(f)))).isEmpty()));
    }

    @Test
    void languageFeaturesValidate() {
        assertValid("""
                - import_playbook: other.yml
                - name: everything
                  hosts: all
                  become: yes
                  gather_facts: no
                  vars: {app: chainlink}
                  vars_files: [vars.yml]
                  roles: [base, {role: node, vars: {x: 1}, when: x == 1, tags: [node]}]
                  pre_tasks:
                    - include_tasks: pre.yml
                      vars: {a: 1}
                    - import_tasks: {file: more.yml}
                  tasks:
                    - name: folder
                      file: {dest: /opt/app, state: directory, mode: 0750}
                      notify: [restart]
                      tags: setup,files
                      run_once: play
                    - shell: echo hi
                      register: out
                      changed_when: out.rc != 0
                      retries: 3
                      until: out.rc == 0
                      delay: 1
                      environment: {LANG: C}
                    - command: {argv: [ls, -l]}
                      loop: ${users?keys}
                      loop_control: {loop_var: u, label: "${u}"}
                      when: ["x??", y == 2]
                    - meta: flush_handlers
                    - ping:
                    - set_fact: {started: true, count: "${n + 1}"}
                    - name: nested
                      block:
                        - block:
                            - debug: {msg: hi}
                          rescue:
                            - fail: oops
                      always:
                        - pause: {seconds: 1}
                      become: true
                  handlers:
                    - name: restart
                      command: systemctl restart app
                      listen: restart app
                """);
    }

    @Test
    void mistakesAnEditorShouldFlag() {
        assertInvalid("- hosts: all\n  strategy: free\n");                         // not supported
        assertInvalid("- hosts: all\n  serial: 0\n");                              // at least one host
        assertInvalid("- name: no hosts\n  tasks: []\n");                            // hosts is required
        assertInvalid("- hosts: all\n  tasks:\n    - name: t\n");                    // no module
        assertInvalid("- hosts: all\n  tasks:\n    - {command: ls, shell: ls}\n");   // two modules
        assertInvalid("- hosts: all\n  tasks:\n    - {comand: ls}\n");               // unknown module
        assertInvalid("- hosts: all\n  tasks:\n    - {command: ls, with_items: [1]}\n");
        assertInvalid("- hosts: all\n  tasks:\n    - file: {path: /x, mode: u+rw}\n");
        assertInvalid("- hosts: all\n  tasks:\n    - file: {path: /x, state: present}\n");
        assertInvalid("- hosts: all\n  tasks:\n    - file: {state: directory}\n");   // path (or dest, name) needed
        assertInvalid("- hosts: all\n  tasks:\n    - file: {path: /x, colour: red}\n");
        assertInvalid("- hosts: all\n  tasks:\n    - copy: {dest: /x, content: a, src: b}\n"); // exclusive
        assertInvalid("- hosts: all\n  tasks:\n    - copy: {dest: /x}\n");            // content or src
        assertInvalid("- hosts: all\n  tasks:\n    - copy: /x\n");                    // not free-form
        assertInvalid("- hosts: all\n  tasks:\n    - meta: flush_all\n");
        assertInvalid("- hosts: all\n  tasks:\n    - {command: ls, run_once: sometimes}\n");
        assertInvalid("- hosts: all\n  tasks:\n    - {command: ls, listen: x}\n");    // handlers only
        assertInvalid("- hosts: all\n  tasks:\n    - {command: ls, register: my-var}\n");
        assertInvalid("- hosts: all\n  handlers:\n    - block: [{command: ls}]\n      rescue: []\n");
        assertValid("- hosts: all\n  tasks:\n    - file: {path: \"${dir}\", mode: \"${mode}\", force: \"${f}\"}\n");
        String sha = "a".repeat(64);
        assertInvalid("- hosts: all\n  tasks:\n    - get_url: {url: http://x/y, dest: /y, checksum: 'md5:0a'}\n");
        assertInvalid("- hosts: all\n  tasks:\n    - get_url: {url: 'x/y', dest: /y}\n");
        assertValid("- hosts: all\n  tasks:\n    - get_url: {url: https://x/y, dest: /y, checksum: 'sha256:" + sha + "'}\n");
        assertValid("- hosts: all\n  tasks:\n    - get_url: {url: \"${u}\", dest: /y, checksum: \"${c}\"}\n");
    }

    @Test
    void inventoryMistakesAnEditorShouldFlag() {
        assertThat(inventories.errors(yaml("all:\n  hosts:\n    a: {ssh: {host: 10.0.0.1, port: 2222, "
                + "host_key_checking: accept-new, connect_timeout: 30s}, address: 10.8.0.1}\n"))).isEmpty();
        assertThat(inventories.errors(yaml("all:\n  hosts:\n    a: {ssh: {hostname: x}}\n"))).isNotEmpty();
        assertThat(inventories.errors(yaml("all:\n  hosts:\n    a: {ssh: {host_key_checking: no}}\n"))).isNotEmpty();
        assertThat(inventories.errors(yaml("all:\n  hosts:\n    a: {ansible_host: x}\n"))).isNotEmpty();
        assertThat(inventories.errors(yaml("web:\n  hosts: {a: }\n"))).isNotEmpty();
        assertThat(inventories.errors(yaml("all:\n  children:\n    web:\n      children:\n        db:\n"
                + "          hosts: {d1: {vars: {x: 1}}}\n          sssh: {}\n"))).isNotEmpty();
    }

    private void assertValid(String text) {
        assertThat(playbooks.errors(yaml(text))).as(text).isEmpty();
    }

    private void assertInvalid(String text) {
        assertThat(playbooks.errors(yaml(text))).as(text).isNotEmpty();
    }

    private static JsonNode yaml(String text) {
        return YamlAsEditorSeesIt.read("test.yml", text);
    }

    private static List<String> names(JsonNode properties) {
        List<String> out = new ArrayList<>();
        properties.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
