package dev.steward.module.chainlink;

import dev.steward.source.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * The keys a Chainlink node (v2) knows in one of its TOML files, taken from Chainlink's own
 * {@code core/config/docs/*.toml} (resources {@code config-keys.txt} and {@code secrets-keys.txt}):
 * {@link #check} parses a rendered file and lists what the node would refuse: a TOML syntax error,
 * or a key it does not know (with the closest known one). Values are never quoted: a secrets file
 * holds passwords.
 */
public final class ChainlinkKeys {

    /** One thing the node would refuse, at a 1-based line and column of the rendered file (0 when unknown). */
    public record Finding(int line, int column, String message) {
        @Override
        public String toString() {
            return (line > 0 ? "line " + line + ":" + column + ": " : "") + message;
        }
    }

    private final String file;
    private final Set<String> known;

    private ChainlinkKeys(String file, Set<String> known) {
        this.file = file;
        this.known = known;
    }

    public static ChainlinkKeys config() {
        return new ChainlinkKeys("config.toml", load("config-keys.txt"));
    }

    public static ChainlinkKeys secrets() {
        return new ChainlinkKeys("secrets.toml", load("secrets-keys.txt"));
    }

    private static Set<String> load(String resource) {
        try (InputStream in = ChainlinkKeys.class.getResourceAsStream("/dev/steward/chainlink/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the jar");
            }
            Set<String> keys = new LinkedHashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    keys.add(line.strip());
                }
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the node would refuse in {@code text}; empty when it parses and every key is known. */
    public List<Finding> check(String text, boolean secret) {
        TomlParseResult toml = Toml.parse(text);
        List<Finding> findings = new ArrayList<>();
        for (TomlParseError e : toml.errors()) {
            TomlPosition p = e.position();
            // the parser's message may quote the text around the error: never for a secrets file
            findings.add(new Finding(p == null ? 0 : p.line(), p == null ? 0 : p.column(), secret
                    ? "not valid TOML" : "not valid TOML: " + e.getMessage().replaceFirst(" \\(line \\d+, column \\d+\\)$", "")));
        }
        if (findings.isEmpty()) {
            table(toml, "", "", findings);
        }
        return findings;
    }

    /**
     * @param pattern the path in the key list's notation ({@code EVM[].Nodes[]})
     * @param shown the path as a user reads it ({@code EVM[0].Nodes[1]})
     */
    private void table(TomlTable table, String pattern, String shown, List<Finding> findings) {
        for (String key : table.keySet()) {
            String p = pattern.isEmpty() ? key : pattern + "." + key;
            String bare = key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
            String s = shown.isEmpty() ? bare : shown + "." + bare;
            Object value = table.get(List.of(key));
            if (value instanceof TomlTable sub && !known.contains(p)) {
                String named = pattern.isEmpty() ? "*" : pattern + ".*";
                if (isPrefix(p)) {
                    table(sub, p, s, findings);
                } else if (isPrefix(named)) {
                    table(sub, named, s, findings);
                } else {
                    unknown(table.inputPositionOf(List.of(key)), p, s, findings);
                }
            } else if (value instanceof TomlArray array && !array.isEmpty()
                    && array.toList().stream().allMatch(TomlTable.class::isInstance)) {
                String element = p + "[]";
                if (!isPrefix(element)) {
                    unknown(table.inputPositionOf(List.of(key)), p, s, findings);
                    continue;
                }
                for (int i = 0; i < array.size(); i++) {
                    table(array.getTable(i), element, s + "[" + i + "]", findings);
                }
            } else if (!known.contains(p)) {
                unknown(table.inputPositionOf(List.of(key)), p, s, findings);
            }
        }
    }

    private boolean isPrefix(String pattern) {
        String prefix = pattern + ".";
        return known.stream().anyMatch(k -> k.startsWith(prefix));
    }

    private void unknown(TomlPosition where, String pattern, String shown, List<Finding> findings) {
        String parent = pattern.contains(".") ? pattern.substring(0, pattern.lastIndexOf('.') + 1) : "";
        List<String> siblings = known.stream().filter(k -> k.startsWith(parent))
                .map(k -> k.substring(parent.length()).split("\\.")[0].replace("[]", "")).distinct().toList();
        String last = pattern.substring(parent.length());
        String hint = Suggestions.didYouMean(last, siblings);
        findings.add(new Finding(where == null ? 0 : where.line(), where == null ? 0 : where.column(),
                "Chainlink does not know the key " + shown + " in " + file + (hint.isEmpty() ? "" : " (" + hint + ")")));
    }
}
