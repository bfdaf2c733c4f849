package dev.steward.source;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Reads YAML into {@link YNode}s with locations. Strict where YAML is lax: a duplicate key is a
 * problem (YAML says keys are unique; most parsers silently keep the last). Merge keys ({@code <<})
 * work: merged entries never override the map's own keys.
 */
public final class YamlReader {

    private final Problems problems;
    private final FileDecryptor decryptor;

    /** A reader for which a vault file is a problem ("give --vault-password-file"). */
    public YamlReader(Problems problems) {
        this(problems, FileDecryptor.NO_PASSWORD);
    }

    /** A reader that opens whole-file vaults with {@code decryptor} before parsing. */
    public YamlReader(Problems problems, FileDecryptor decryptor) {
        this.problems = problems;
        this.decryptor = decryptor;
    }

    /**
     * Reads a file (decrypted first when it is a whole-file vault); syntax errors, a missing file and
     * a vault that cannot be opened throw a {@link ValidationException} at once.
     */
    public YNode read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ValidationException.of(new SourceLocation(file.toString(), 0, 0), "file not found", "check the path");
        } catch (IOException e) {
            throw ValidationException.of(new SourceLocation(file.toString(), 0, 0),
                    "cannot read the file: " + e.getMessage(), "");
        }
        return read(file.toString(), decryptor.plainText(file, text));
    }

    /** Reads text; an empty document is a null scalar. */
    public YNode read(String fileName, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with both locations
        options.setMaxAliasesForCollections(200);
        options.setCodePointLimit(64 * 1024 * 1024);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            SourceLocation where = mark == null ? new SourceLocation(fileName, 0, 0)
                    : new SourceLocation(fileName, mark.getLine() + 1, mark.getColumn() + 1);
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() == null ? "" : e.getContext();
            Mark started = e.getContextMark();
            if (!context.isEmpty() && started != null && started != mark) {
                context += " that starts at line " + (started.getLine() + 1) + ", column " + (started.getColumn() + 1);
            }
            throw ValidationException.of(where, "YAML syntax error: " + what, context);
        } catch (RuntimeException e) {
            throw ValidationException.of(new SourceLocation(fileName, 0, 0), "YAML error: " + e.getMessage(), "");
        }
        if (root == null) {
            return new YNode.YScalar(new SourceLocation(fileName, 1, 1), "", true);
        }
        return new Converter(fileName).convert(root);
    }

    private final class Converter {
        private final String fileName;
        private final Map<Node, YNode> done = new IdentityHashMap<>();

        Converter(String fileName) {
            this.fileName = fileName;
        }

        YNode convert(Node node) {
            YNode known = done.get(node); // aliases point at the same node: convert once
            if (known != null) {
                return known;
            }
            YNode out = switch (node.getNodeId()) {
                case scalar -> scalar((ScalarNode) node);
                case sequence -> sequence((SequenceNode) node);
                case mapping -> mapping((MappingNode) node);
                default -> new YNode.YScalar(where(node), "", true);
            };
            done.put(node, out);
            return out;
        }

        private SourceLocation where(Node node) {
            Mark m = node.getStartMark();
            return new SourceLocation(fileName, m.getLine() + 1, m.getColumn() + 1);
        }

        private YNode scalar(ScalarNode node) {
            boolean plain = node.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
            return new YNode.YScalar(where(node), node.getValue(), plain);
        }

        private YNode sequence(SequenceNode node) {
            List<YNode> items = new ArrayList<>();
            for (Node item : node.getValue()) {
                items.add(convert(item));
            }
            return new YNode.YSeq(where(node), items);
        }

        private YNode mapping(MappingNode node) {
            Map<String, YNode.YMap.Entry> own = new LinkedHashMap<>();
            List<YNode.YMap> merged = new ArrayList<>();
            for (NodeTuple tuple : node.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (keyNode.getTag().equals(Tag.MERGE)) {
                    YNode value = convert(tuple.getValueNode());
                    collectMerge(value, merged);
                    continue;
                }
                SourceLocation keyAt = where(keyNode);
                String key;
                if (keyNode instanceof ScalarNode s) {
                    key = s.getValue();
                } else {
                    problems.add(keyAt, "a map key must be a plain name, not " + convert(keyNode).kind());
                    continue;
                }
                if (own.containsKey(key)) {
                    problems.add(keyAt, "duplicate key '" + key + "' (first defined at line "
                            + own.get(key).keyLocation().line() + ")", "remove one of them");
                    continue;
                }
                own.put(key, new YNode.YMap.Entry(key, keyAt, convert(tuple.getValueNode())));
            }
            for (YNode.YMap m : merged) {
                m.entries().forEach(own::putIfAbsent);
            }
            return new YNode.YMap(where(node), own);
        }

        private void collectMerge(YNode value, List<YNode.YMap> into) {
            if (value instanceof YNode.YMap m) {
                into.add(m);
            } else if (value instanceof YNode.YSeq s) {
                s.items().forEach(i -> collectMerge(i, into));
            } else {
                problems.add(value.location(), "a merge key (<<) takes a map or a list of maps, not " + value.kind());
            }
        }
    }
}
