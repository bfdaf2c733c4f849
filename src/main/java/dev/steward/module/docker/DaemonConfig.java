package dev.steward.module.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.module.ModuleFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /etc/docker/daemon.json} as Steward wants it: the file's current options, then Steward's
 * defaults (json-file logs rotated at 10m × 3, {@code live-restore} so a daemon restart keeps the
 * containers running), then the task's {@code daemon} options; each top-level key replaces the one
 * before it. Compared as JSON, not as text, so formatting never counts as a change.
 */
final class DaemonConfig {

    static final String PATH = "/etc/docker/daemon.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Options the daemon re-reads on SIGHUP ({@code systemctl reload docker}); any other needs a restart. */
    private static final Set<String> RELOADABLE = Set.of("debug", "labels", "live-restore",
            "max-concurrent-downloads", "max-concurrent-uploads", "max-download-attempts", "insecure-registries",
            "registry-mirrors", "shutdown-timeout", "default-runtime", "runtimes", "authorization-plugins");

    static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("log-driver", "json-file");
        Map<String, String> logOpts = new LinkedHashMap<>();
        logOpts.put("max-size", "10m");
        logOpts.put("max-file", "3");
        d.put("log-opts", logOpts);
        d.put("live-restore", true);
        return d;
    }

    private final ObjectNode current;
    private final ObjectNode wanted;

    private DaemonConfig(ObjectNode current, ObjectNode wanted) {
        this.current = current;
        this.wanted = wanted;
    }

    /**
     * @param currentText the file's content, empty when it does not exist
     * @param options the task's {@code daemon} map
     */
    static DaemonConfig of(String currentText, Map<String, Object> options) throws ModuleFailure {
        ObjectNode current;
        if (currentText.isBlank()) {
            current = JSON.createObjectNode();
        } else {
            try {
                JsonNode n = JSON.readTree(currentText);
                if (!(n instanceof ObjectNode o)) {
                    throw new ModuleFailure(PATH + " on the host is not a JSON object; fix or remove it");
                }
                current = o;
            } catch (JsonProcessingException e) {
                throw new ModuleFailure(PATH + " on the host is not valid JSON (" + e.getOriginalMessage()
                        + "); fix or remove it, dockerd would not start with it");
            }
        }
        ObjectNode wanted = current.deepCopy();
        Map<String, Object> layer = new LinkedHashMap<>(defaults());
        layer.putAll(options);
        layer.forEach((k, v) -> wanted.set(k, JSON.valueToTree(normalized(k, v))));
        return new DaemonConfig(current, wanted);
    }

    /** Docker reads every log option as a string: {@code max-file: 3} must be written "3". */
    private static Object normalized(String key, Object value) {
        if (key.equals("log-opts") && value instanceof Map<?, ?> m) {
            Map<String, String> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            return out;
        }
        return value;
    }

    boolean changes() {
        return !current.equals(wanted);
    }

    /** The top-level keys whose value differs (added, changed). */
    Set<String> changedKeys() {
        Set<String> keys = new TreeSet<>();
        wanted.fieldNames().forEachRemaining(k -> {
            if (!wanted.get(k).equals(current.get(k))) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** True when every changed option is one the daemon reloads without a restart. */
    boolean reloadable() {
        return RELOADABLE.containsAll(changedKeys());
    }

    /** The file to write: two-space indented JSON with a final newline. */
    String text() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(wanted) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
