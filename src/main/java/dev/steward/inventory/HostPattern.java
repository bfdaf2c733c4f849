package dev.steward.inventory;

import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * A host pattern, as in a play's {@code hosts:} and {@code --limit}, with Ansible's meaning:
 *
 * <ul>
 *   <li>a host or group name; {@code all} or {@code *} for every host;</li>
 *   <li>a glob over host and group names ({@code web*}, {@code db?}, {@code cl[12]x}), or a regular
 *       expression after {@code ~} ({@code ~cl\d+}), matched from the start of the name;</li>
 *   <li>a subscript of what a part matches, in inventory order: {@code web[0]}, {@code web[-1]},
 *       {@code web[1:3]} (both ends included), {@code web[2:]};</li>
 *   <li>parts joined with {@code ,} (or {@code :} when there is no comma): a plain part adds hosts,
 *       {@code &part} keeps only hosts also in it, {@code !part} removes its hosts. As in Ansible, all
 *       additions happen first, then intersections, then exclusions, whatever the written order; a
 *       pattern of only {@code &}/{@code !} parts starts from {@code all}.</li>
 * </ul>
 */
public record HostPattern(String text, List<Term> terms) {

    public enum Operation { UNION, INTERSECTION, EXCLUSION }

    /**
     * One part of a pattern.
     *
     * @param written the part as the user wrote it, with its operator, for messages
     * @param name the name, glob or {@code ~regex} without operator or subscript
     * @param subscript {@code [from:to]}, inclusive, negative counting from the end; empty for none
     */
    public record Term(Operation operation, String written, String name, Optional<Subscript> subscript) {
    }

    /** @param to inclusive; {@code null} for "to the last" */
    public record Subscript(int from, Integer to) {
    }

    private static final Pattern SUBSCRIPT = Pattern.compile("(.+)\\[(?:(-?\\d+)|(\\d*)\\s*:\\s*(\\d*))]");

    public HostPattern {
        terms = List.copyOf(terms);
    }

    public static HostPattern parse(String pattern) {
        List<Term> terms = new ArrayList<>();
        for (String part : split(pattern.strip())) {
            String written = part.strip();
            if (written.isEmpty()) {
                continue;
            }
            Operation op = switch (written.charAt(0)) {
                case '&' -> Operation.INTERSECTION;
                case '!' -> Operation.EXCLUSION;
                default -> Operation.UNION;
            };
            String body = op == Operation.UNION ? written : written.substring(1).strip();
            Matcher m = SUBSCRIPT.matcher(body);
            Optional<Subscript> subscript = Optional.empty();
            if (m.matches() && !body.startsWith("~")) {
                body = m.group(1);
                if (m.group(2) != null) {
                    int index = Integer.parseInt(m.group(2));
                    subscript = Optional.of(new Subscript(index, index));
                } else {
                    subscript = Optional.of(new Subscript(m.group(3).isEmpty() ? 0 : Integer.parseInt(m.group(3)),
                            m.group(4).isEmpty() ? null : Integer.parseInt(m.group(4))));
                }
            }
            terms.add(new Term(op, written, body, subscript));
        }
        return new HostPattern(pattern, terms);
    }

    /** The hosts selected, in inventory order; empty when nothing matches. */
    public List<Host> resolve(Inventory inventory) {
        if (terms.isEmpty()) {
            return List.of();
        }
        Set<String> selected = new LinkedHashSet<>();
        List<Term> unions = only(Operation.UNION);
        if (unions.isEmpty()) {
            inventory.hosts().keySet().forEach(selected::add);
        }
        unions.forEach(t -> selected.addAll(hostsOf(t, inventory)));
        only(Operation.INTERSECTION).forEach(t -> selected.retainAll(hostsOf(t, inventory)));
        only(Operation.EXCLUSION).forEach(t -> hostsOf(t, inventory).forEach(selected::remove));
        return inventory.hosts().values().stream().filter(h -> selected.contains(h.name())).toList();
    }

    /**
     * The parts that name no host or group of the inventory: most likely typos. (A part naming an
     * empty group is not listed: the group exists, it just has no hosts now.)
     */
    public List<Term> unmatched(Inventory inventory) {
        return terms.stream().filter(t -> !namesSomething(t, inventory)).toList();
    }

    /** Adds a problem, with a "did you mean", for each part that names no host or group. */
    /**
     * Reports the parts that match nothing. A union part ({@code chainlink:eth}) that names nothing is
     * only a warning while the whole pattern still matches hosts, as in Ansible (an inventory without
     * its own Ethereum clients has no {@code eth} group); a typo elsewhere, or a pattern that matches
     * nothing at all, is an error.
     */
    public void check(Inventory inventory, SourceLocation where, Problems problems) {
        boolean matchesSome = !resolve(inventory).isEmpty();
        for (Term t : unmatched(inventory)) {
            List<String> known = Stream.concat(inventory.hosts().keySet().stream(), inventory.groups().keySet().stream())
                    .toList();
            String hint = Suggestions.didYouMean(t.name(), known);
            String message = "host pattern '" + t.written() + "'" + (terms.size() > 1 ? " in '" + text + "'" : "")
                    + " matches no host or group of " + inventory.source();
            String what = hint.isEmpty() ? "see the names with: steward inventory --graph" : hint;
            if (matchesSome && t.operation() == Operation.UNION && hint.isEmpty()) {
                problems.warn(where, message, what);
            } else {
                problems.add(where, message, what);
            }
        }
    }

    private List<Term> only(Operation op) {
        return terms.stream().filter(t -> t.operation() == op).toList();
    }

    private static List<String> hostsOf(Term t, Inventory inventory) {
        List<String> matched = baseMatches(t.name(), inventory);
        return t.subscript().map(s -> slice(matched, s)).orElse(matched);
    }

    /** The hosts a name, glob or regex matches, in inventory order. */
    private static List<String> baseMatches(String name, Inventory inventory) {
        if (name.equals("all") || name.equals("*")) {
            return List.copyOf(inventory.hosts().keySet());
        }
        Optional<Pattern> wildcard = wildcard(name);
        Set<String> hosts = new LinkedHashSet<>();
        for (var group : inventory.groups().keySet()) {
            if (wildcard.map(w -> w.matcher(group).lookingAt()).orElse(group.equals(name))) {
                inventory.hostsOfGroup(group).forEach(h -> hosts.add(h.name()));
            }
        }
        for (var host : inventory.hosts().keySet()) {
            if (wildcard.map(w -> w.matcher(host).lookingAt()).orElse(host.equals(name))) {
                hosts.add(host);
            }
        }
        return inventory.hosts().keySet().stream().filter(hosts::contains).toList();
    }

    private static boolean namesSomething(Term t, Inventory inventory) {
        if (t.name().equals("all") || t.name().equals("*")) {
            return true;
        }
        Optional<Pattern> wildcard = wildcard(t.name());
        return Stream.concat(inventory.hosts().keySet().stream(), inventory.groups().keySet().stream())
                .anyMatch(n -> wildcard.map(w -> w.matcher(n).lookingAt()).orElse(n.equals(t.name())));
    }

    /** A regex for {@code ~regex} or a glob; empty for a plain name. A broken regex matches nothing. */
    private static Optional<Pattern> wildcard(String name) {
        if (name.startsWith("~")) {
            try {
                return Optional.of(Pattern.compile(name.substring(1)));
            } catch (PatternSyntaxException e) {
                return Optional.of(Pattern.compile("(?!)"));
            }
        }
        if (name.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
            return Optional.empty();
        }
        return Optional.of(Pattern.compile(globToRegex(name) + "$"));
    }

    private static String globToRegex(String glob) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            int close = c == '[' ? glob.indexOf(']', i + 2) : -1;
            if (c == '*') {
                out.append(".*");
            } else if (c == '?') {
                out.append('.');
            } else if (close > 0) {
                String set = glob.substring(i + 1, close).replace("\\", "\\\\");
                out.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                i = close;
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    private static List<String> slice(List<String> hosts, Subscript s) {
        int size = hosts.size();
        int from = s.from() < 0 ? size + s.from() : s.from();
        int to = s.to() == null ? size - 1 : (s.to() < 0 ? size + s.to() : s.to());
        if (from < 0 || from >= size || to < from) {
            return List.of();
        }
        return hosts.subList(from, Math.min(to, size - 1) + 1);
    }

    /** Ansible's split: on commas if there are any, else on colons outside [brackets]. */
    private static List<String> split(String pattern) {
        if (pattern.contains(",")) {
            return List.of(pattern.split(","));
        }
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            }
            if (c == ':' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
