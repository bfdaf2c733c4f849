package dev.steward.inventory;

import dev.steward.source.FileDecryptor;
import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.ValidationException;
import dev.steward.source.YNode;
import dev.steward.source.YNode.YMap;
import dev.steward.source.YNode.YScalar;
import dev.steward.source.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A {@code group_vars/} or {@code host_vars/} folder beside the inventory, as in Ansible: for each
 * name, a file {@code NAME.yml}, {@code NAME.yaml} or {@code NAME}, and/or a folder {@code NAME/}
 * of {@code *.yml}/{@code *.yaml} files. The file comes first, then the folder's files in name
 * order; a later file's top-level keys replace earlier ones. Other files (a README) are ignored.
 * A file may be a whole vault file: it is opened with the run's {@link FileDecryptor}.
 */
final class VarsDirectory {

    /** The variables for one group or host, and where they came from (for "no such group"). */
    record Vars(String name, Map<String, Object> values, Map<String, SourceLocation> keyLocations,
            SourceLocation source) {
    }

    private final Path folder;
    private final String kind;
    private final Problems problems;
    private final FileDecryptor decryptor;

    /** @param kind "group_vars" or "host_vars", for messages */
    VarsDirectory(Path folder, String kind, Problems problems, FileDecryptor decryptor) {
        this.folder = folder;
        this.kind = kind;
        this.problems = problems;
        this.decryptor = decryptor;
    }

    /** Everything in the folder, by group or host name; empty when there is no folder. */
    List<Vars> read() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        Map<String, List<Path>> filesByName = new TreeMap<>();
        for (Path entry : list(folder)) {
            String fileName = entry.getFileName().toString();
            if (fileName.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                List<Path> yamlFiles = list(entry).stream()
                        .filter(f -> Files.isRegularFile(f) && isYaml(f.getFileName().toString()))
                        .filter(f -> !f.getFileName().toString().startsWith("."))
                        .sorted()
                        .toList();
                filesByName.computeIfAbsent(fileName, n -> new ArrayList<>()).addAll(yamlFiles);
            } else if (isYaml(fileName) || !fileName.contains(".")) {
                // the file before the folder's files, whatever the listing order
                filesByName.computeIfAbsent(stripExtension(fileName), n -> new ArrayList<>()).add(0, entry);
            }
        }
        List<Vars> out = new ArrayList<>();
        filesByName.forEach((name, files) -> {
            if (!files.isEmpty()) {
                out.add(merge(name, files));
            }
        });
        return out;
    }

    private Vars merge(String name, List<Path> files) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, SourceLocation> keyLocations = new LinkedHashMap<>();
        for (Path file : files) {
            readMap(file).ifPresent(map -> map.entries().values().forEach(e -> {
                values.put(e.key(), e.value().toValue());
                keyLocations.put(e.key(), e.keyLocation());
            }));
        }
        return new Vars(name, values, keyLocations, new SourceLocation(files.get(0).toString(), 1, 1));
    }

    private Optional<YMap> readMap(Path file) {
        YNode root;
        try {
            root = new YamlReader(problems, decryptor).read(file);
        } catch (ValidationException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
        if (root instanceof YMap map) {
            return Optional.of(map);
        }
        if (!(root instanceof YScalar s && s.isNull())) {
            problems.add(root.location(), kind + " file must hold a map of variables, not " + root.kind());
        }
        return Optional.empty();
    }

    private List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            problems.add(new SourceLocation(dir.toString(), 0, 0), "cannot read the folder: " + e.getMessage());
            return List.of();
        }
    }

    private static boolean isYaml(String fileName) {
        return fileName.endsWith(".yml") || fileName.endsWith(".yaml");
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }
}
