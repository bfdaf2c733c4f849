package dev.steward.inventory;

import dev.steward.inventory.InventoryDraft.GroupDraft;
import dev.steward.inventory.InventoryDraft.HostDraft;
import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.YNode.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Ansible INI inventory, for users migrating from Ansible: {@code [group]} sections of
 * {@code host key=value…} lines, {@code [group:vars]} and {@code [group:children]}, {@code #} and
 * {@code ;} comments. Ansible's connection variables become {@code ssh:} settings (see
 * {@link AnsibleVariables}); other values are typed like YAML plain scalars (quoted ones stay text).
 */
final class IniInventoryParser {

    private static final Pattern SECTION = Pattern.compile("\\[([^\\]\\s]+)\\]\\s*(?:[#;].*)?");
    private static final Pattern HOST_WITH_PORT = Pattern.compile("([^:\\[\\]]+):(\\d+)");

    private enum Kind { HOSTS, VARS, CHILDREN }

    private record Token(String text, int column) {
    }

    private final InventoryDraft draft;
    private final SshValueParser sshValues;
    private final String fileName;
    private final Problems problems;
    /** [name:vars] sections, checked at the end: the group may be defined further down. */
    private final Map<String, SourceLocation> varsSections = new LinkedHashMap<>();

    IniInventoryParser(InventoryDraft draft, SshValueParser sshValues, String fileName) {
        this.draft = draft;
        this.sshValues = sshValues;
        this.fileName = fileName;
        this.problems = draft.problems;
    }

    /** True when some line is a {@code [section]} header, which no YAML inventory has. */
    static boolean looksLikeIni(String text) {
        return text.lines().anyMatch(line -> SECTION.matcher(line.strip()).matches() && !line.contains(","));
    }

    void parse(String text) {
        Kind kind = Kind.HOSTS;
        GroupDraft group = draft.groups.get(Group.UNGROUPED);
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            int indent = line.indexOf(stripped.charAt(0));
            SourceLocation at = at(i, indent);
            Matcher section = SECTION.matcher(stripped);
            if (stripped.startsWith("[")) {
                if (!section.matches()) {
                    problems.add(at, "a section header looks like [group], [group:vars] or [group:children], not '"
                            + stripped + "'");
                    group = null;
                    continue;
                }
                String[] parts = section.group(1).split(":", 2);
                String name = parts[0];
                String suffix = parts.length > 1 ? parts[1] : "";
                if (!InventoryNames.checkGroup(name, at(i, indent + 1), problems)) {
                    group = null;
                    continue;
                }
                switch (suffix) {
                    case "" -> {
                        kind = Kind.HOSTS;
                        group = draft.defineGroup(name, at(i, indent + 1));
                    }
                    case "vars" -> {
                        kind = Kind.VARS;
                        group = draft.group(name, at(i, indent + 1));
                        varsSections.putIfAbsent(name, at(i, indent + 1));
                    }
                    case "children" -> {
                        kind = Kind.CHILDREN;
                        group = draft.defineGroup(name, at(i, indent + 1));
                    }
                    default -> {
                        problems.add(at(i, indent + 2 + name.length()), "unknown section kind ':" + suffix + "' in ["
                                + section.group(1) + "]", "use [" + name + "], [" + name + ":vars] or [" + name
                                + ":children]");
                        group = null;
                    }
                }
                continue;
            }
            if (group == null) {
                continue; // under a broken header, already reported
            }
            switch (kind) {
                case HOSTS -> hostLine(line, i, group);
                case VARS -> varsLine(line, stripped, i, indent, group);
                case CHILDREN -> {
                    String child = tokens(line).get(0).text();
                    SourceLocation where = at(i, indent);
                    if (InventoryNames.checkGroup(child, where, problems)) {
                        draft.addChild(group, child, where);
                        draft.group(child, where).defined = true;
                    }
                }
            }
        }
        varsSections.forEach((name, where) -> {
            if (!draft.groups.get(name).defined && !name.equals(Group.ALL) && !name.equals(Group.UNGROUPED)) {
                problems.add(where, "[" + name + ":vars] is for a group the inventory does not define",
                        "add a [" + name + "] section or fix the name");
            }
        });
    }

    private void hostLine(String line, int lineIndex, GroupDraft group) {
        List<Token> tokens = tokens(line);
        if (tokens.isEmpty()) {
            return;
        }
        Token first = tokens.get(0);
        String name = first.text();
        SourceLocation nameAt = at(lineIndex, first.column());
        String port = null;
        Matcher withPort = HOST_WITH_PORT.matcher(name);
        if (withPort.matches()) { // Ansible's "host:2222"
            name = withPort.group(1);
            port = withPort.group(2);
        }
        if (name.contains("[")) {
            problems.add(nameAt, "host ranges like '" + name + "' are not supported", "list each host on its own line");
            return;
        }
        if (!InventoryNames.checkHost(name, nameAt, problems)) {
            return;
        }
        HostDraft host = draft.hostIn(group, name, nameAt);
        String owner = "host '" + name + "'";
        if (port != null) {
            sshValues.parse(SshField.PORT, port, nameAt, owner, problems)
                    .ifPresent(p -> host.ssh.put(SshField.PORT, "ssh.port", p, nameAt, problems));
        }
        for (Token t : tokens.subList(1, tokens.size())) {
            int eq = t.text().indexOf('=');
            SourceLocation keyAt = at(lineIndex, t.column());
            if (eq <= 0) {
                // the token is not echoed: it may be a password that lost its key
                problems.add(keyAt, "expected key=value after the host name",
                        "quote values that contain spaces: key=\"a b\"");
                continue;
            }
            String key = t.text().substring(0, eq);
            assign(key, t.text().substring(eq + 1), keyAt, at(lineIndex, t.column() + eq + 1), host.ssh, host.vars,
                    owner);
        }
    }

    private void varsLine(String line, String stripped, int lineIndex, int indent, GroupDraft group) {
        int eq = stripped.indexOf('=');
        SourceLocation keyAt = at(lineIndex, indent);
        if (eq <= 0) {
            problems.add(keyAt, "expected key=value in [" + group.name + ":vars]"); // no echo: may be a secret
            return;
        }
        String key = stripped.substring(0, eq).strip();
        String rawValue = stripped.substring(eq + 1);
        int valueColumn = indent + eq + 1 + (rawValue.length() - rawValue.stripLeading().length());
        assign(key, rawValue.strip(), keyAt, at(lineIndex, valueColumn), group.ssh, group.vars,
                "group '" + group.name + "'");
    }

    private void assign(String key, String rawValue, SourceLocation keyAt, SourceLocation valueAt,
            DefinedOnce<SshField> ssh, DefinedOnce<String> vars, String owner) {
        boolean quoted = rawValue.length() >= 2 && (rawValue.charAt(0) == '"' || rawValue.charAt(0) == '\'')
                && rawValue.charAt(rawValue.length() - 1) == rawValue.charAt(0);
        String text = quoted ? rawValue.substring(1, rawValue.length() - 1) : rawValue;
        if (!AnsibleVariables.isAnsibleName(key)) {
            vars.put(key, key, new YScalar(valueAt, text, !quoted).toValue(), keyAt, problems);
            return;
        }
        if (AnsibleVariables.ignoredSilently(key, text)) {
            return;
        }
        AnsibleVariables.sshField(key).ifPresentOrElse(
                field -> sshValues.parse(field, text, valueAt, owner, problems)
                        .ifPresent(v -> ssh.put(field, key, v, keyAt, problems)),
                () -> problems.add(keyAt, "Steward does not read '" + key + "' (" + owner + ")",
                        AnsibleVariables.advice(key)));
    }

    /** Splits on blanks outside quotes; a token starting with # or ; begins a comment. Columns are 0-based. */
    private static List<Token> tokens(String line) {
        List<Token> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int start = -1;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (start >= 0) {
                    out.add(new Token(current.toString(), start));
                    current.setLength(0);
                    start = -1;
                }
                continue;
            }
            if (start < 0) {
                if (c == '#' || c == ';') {
                    break;
                }
                start = i;
            }
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            current.append(c);
        }
        if (start >= 0) {
            out.add(new Token(current.toString(), start));
        }
        return out;
    }

    private SourceLocation at(int lineIndex, int column0) {
        return new SourceLocation(fileName, lineIndex + 1, column0 + 1);
    }
}
