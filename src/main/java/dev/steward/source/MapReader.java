package dev.steward.source;

import dev.steward.source.YNode.YMap;
import dev.steward.source.YNode.YScalar;
import dev.steward.source.YNode.YSeq;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads the fields of one YAML map by a schema: every wrong type or unknown key becomes a
 * {@link Problem} (with a "did you mean"), and reading goes on so all mistakes show at once.
 */
public final class MapReader {

    private final YMap map;
    private final String what;
    private final Problems problems;

    /** @param what what the map is, for messages: "play", "task", "inventory host 'db1'" */
    public MapReader(YMap map, String what, Problems problems) {
        this.map = map;
        this.what = what;
        this.problems = problems;
    }

    /** Checks a node is a map, reporting a problem when it is not. */
    public static Optional<MapReader> of(YNode node, String what, Problems problems) {
        if (node instanceof YMap m) {
            return Optional.of(new MapReader(m, what, problems));
        }
        problems.add(node.location(), what + " must be a map, not " + node.kind());
        return Optional.empty();
    }

    public YMap map() {
        return map;
    }

    public Problems problems() {
        return problems;
    }

    /** Reports every key not in {@code known}. */
    public void allowOnly(Collection<String> known) {
        for (String key : map.keys()) {
            if (!known.contains(key)) {
                problems.add(map.keyLocation(key), "unknown key '" + key + "' in " + what,
                        Suggestions.didYouMean(key, known));
            }
        }
    }

    public boolean has(String key) {
        return map.has(key);
    }

    public Optional<YNode> node(String key) {
        return Optional.ofNullable(map.get(key));
    }

    public Optional<String> string(String key) {
        YNode n = map.get(key);
        if (n == null) {
            return Optional.empty();
        }
        if (n instanceof YScalar s && !s.isNull()) {
            return Optional.of(s.text());
        }
        problems.add(n.location(), "'" + key + "' in " + what + " must be a string, not " + n.kind());
        return Optional.empty();
    }

    public String requiredString(String key) {
        if (!map.has(key)) {
            problems.add(map.location(), what + " needs '" + key + "'");
            return "";
        }
        return string(key).orElse("");
    }

    public Optional<Boolean> bool(String key) {
        YNode n = map.get(key);
        if (n == null) {
            return Optional.empty();
        }
        Optional<Boolean> b = Scalars.bool(n);
        if (b.isEmpty()) {
            problems.add(n.location(), "'" + key + "' in " + what + " must be true or false, not "
                    + describe(n));
        }
        return b;
    }

    public Optional<Integer> integer(String key, int min, int max) {
        YNode n = map.get(key);
        if (n == null) {
            return Optional.empty();
        }
        Optional<Long> v = Scalars.integer(n);
        if (v.isEmpty() || v.get() < min || v.get() > max) {
            problems.add(n.location(), "'" + key + "' in " + what + " must be a whole number from " + min
                    + " to " + max + ", not " + describe(n));
            return Optional.empty();
        }
        return Optional.of(v.get().intValue());
    }

    /** A single string or a list of strings. */
    public List<String> stringList(String key) {
        YNode n = map.get(key);
        if (n == null) {
            return List.of();
        }
        if (n instanceof YScalar s && !s.isNull()) {
            return List.of(s.text());
        }
        if (n instanceof YSeq seq) {
            List<String> out = new ArrayList<>();
            for (YNode item : seq.items()) {
                if (item instanceof YScalar s && !s.isNull()) {
                    out.add(s.text());
                } else {
                    problems.add(item.location(), "items of '" + key + "' in " + what + " must be strings, not "
                            + item.kind());
                }
            }
            return out;
        }
        problems.add(n.location(), "'" + key + "' in " + what + " must be a string or a list of strings, not "
                + n.kind());
        return List.of();
    }

    public Optional<YMap> submap(String key) {
        YNode n = map.get(key);
        if (n == null || (n instanceof YScalar s && s.isNull())) {
            return Optional.empty();
        }
        if (n instanceof YMap m) {
            return Optional.of(m);
        }
        problems.add(n.location(), "'" + key + "' in " + what + " must be a map, not " + n.kind());
        return Optional.empty();
    }

    public Optional<YSeq> list(String key) {
        YNode n = map.get(key);
        if (n == null || (n instanceof YScalar s && s.isNull())) {
            return Optional.empty();
        }
        if (n instanceof YSeq seq) {
            return Optional.of(seq);
        }
        problems.add(n.location(), "'" + key + "' in " + what + " must be a list, not " + n.kind());
        return Optional.empty();
    }

    private static String describe(YNode n) {
        return n instanceof YScalar s ? "'" + s.text() + "'" : n.kind();
    }
}
