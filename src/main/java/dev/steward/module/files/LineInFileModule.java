package dev.steward.module.files;

import dev.steward.module.Args;
import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.remote.BecomeException;
import dev.steward.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lineinfile}: makes sure one line is in a file (replacing the last line {@code regexp}
 * matches, else inserted after/before a line or at the end), or that no line matching is. The file
 * is read once, edited here, and written back atomically; Ansible's rules, line for line.
 */
public final class LineInFileModule implements Module {

    private static final ModuleSpec SPEC;

    static {
        List<Param> params = new ArrayList<>();
        params.add(Param.required("path", ParamType.PATH, "the file on the host").aliases("dest", "destfile", "name"));
        params.add(Param.optional("line", ParamType.STRING, "the line to have (required for state: present)")
                .aliases("value"));
        params.add(Param.optional("regexp", ParamType.STRING,
                "a regular expression (Python syntax): the last matching line is replaced (present) or every one removed (absent)")
                .aliases("regex"));
        params.add(Param.optional("state", ParamType.STRING, "present (default) or absent").choices("present", "absent"));
        params.add(Param.optional("insertafter", ParamType.STRING,
                "when nothing matches: insert after the last line this regular expression matches, or EOF (default), or BOF"));
        params.add(Param.optional("insertbefore", ParamType.STRING,
                "when nothing matches: insert before the last line this regular expression matches, or BOF"));
        params.add(Param.optional("firstmatch", ParamType.BOOL, "use the first match of regexp/insertafter/insertbefore, not the last"));
        params.add(Param.optional("create", ParamType.BOOL, "create the file when it does not exist (default false: fail)"));
        params.add(Param.optional("backrefs", ParamType.BOOL,
                "line may use \\1 or \\g<name> from regexp; when regexp matches nothing the file is left alone"));
        params.addAll(Ownership.PARAMS);
        SPEC = new ModuleSpec("Makes sure a line is in a file, or is not; edits the file atomically.", params,
                Optional.empty(), List.of(List.of("insertafter", "insertbefore")), List.of());
    }

    @Override
    public String name() {
        return "lineinfile";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String path = args.required("path");
        boolean present = args.string("state").orElse("present").equals("present");
        Optional<String> line = args.string("line");
        Optional<Pattern> regexp = args.string("regexp").isPresent()
                ? Optional.of(PythonRegex.compile("regexp", args.required("regexp"), 0)) : Optional.empty();
        boolean backrefs = args.bool("backrefs").orElse(false);
        if (present && line.isEmpty()) {
            throw new ModuleFailure("lineinfile: 'line' is required with state: present");
        }
        if (!present && line.isEmpty() && regexp.isEmpty()) {
            throw new ModuleFailure("lineinfile: state: absent needs 'regexp' or 'line'");
        }
        if (backrefs && regexp.isEmpty()) {
            throw new ModuleFailure("lineinfile: 'backrefs' needs 'regexp'");
        }
        return TextFileEdit.plan(call, path, present, text -> {
            List<String> lines = TextLines.split(text);
            String what = present
                    ? present(lines, line.get(), regexp, args.string("insertafter"), args.string("insertbefore"),
                            args.bool("firstmatch").orElse(false), backrefs)
                    : absent(lines, line, regexp);
            return new TextFileEdit.Edited(TextLines.join(lines), what);
        });
    }

    /** Edits {@code lines} in place; returns what changed ("line added"), or empty. */
    static String present(List<String> lines, String line, Optional<Pattern> regexp, Optional<String> insertafter,
            Optional<String> insertbefore, boolean firstmatch, boolean backrefs) throws ModuleFailure {
        String after = insertafter.orElse(null);
        String before = insertbefore.orElse(null);
        Pattern ins = null;
        if (after != null && !after.equals("EOF") && !after.equals("BOF")) {
            ins = PythonRegex.compile("insertafter", after, 0);
        } else if (before != null && !before.equals("BOF")) {
            ins = PythonRegex.compile("insertbefore", before, 0);
        }
        int found = -1;
        int insertAt = -1;
        Matcher match = null;
        if (regexp.isPresent()) {
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = regexp.get().matcher(TextLines.strip(lines.get(i)));
                if (m.find()) {
                    found = i;
                    match = m;
                    if (firstmatch) {
                        break;
                    }
                }
            }
        }
        if (match == null) {
            for (int i = 0; i < lines.size(); i++) {
                String cur = TextLines.strip(lines.get(i));
                if (cur.equals(line)) {
                    found = i;
                } else if (ins != null && ins.matcher(cur).find()) {
                    insertAt = after != null ? i + 1 : i;
                    if (firstmatch) {
                        break;
                    }
                }
            }
        }
        if (found != -1) {
            String wanted = TextLines.strip(backrefs && match != null ? PythonRegex.expand(match, line) : line);
            String now = lines.get(found);
            if (TextLines.strip(now).equals(wanted)) {
                return ""; // unlike Ansible, a CRLF line that says the same is left as it is
            }
            lines.set(found, wanted + (now.endsWith("\r\n") ? "\r\n" : "\n"));
            return "line replaced";
        }
        if (backrefs) {
            return ""; // nothing to fill the references from: leave the file alone, as Ansible does
        }
        if ("BOF".equals(before) || "BOF".equals(after)) {
            lines.add(0, line + "\n");
            return "line added";
        }
        if ("EOF".equals(after) || insertAt == -1) {
            if (!TextLines.endsWithNewline(lines)) {
                lines.add("\n");
            }
            lines.add(line + "\n");
            return "line added";
        }
        if (after != null) {
            if (insertAt == lines.size()) {
                if (!TextLines.strip(lines.get(insertAt - 1)).equals(line)) {
                    if (!TextLines.endsWithNewline(lines)) {
                        lines.add("\n");
                    }
                    lines.add(line + "\n");
                    return "line added";
                }
                return "";
            }
            if (!TextLines.strip(lines.get(insertAt)).equals(line)) {
                lines.add(insertAt, line + "\n");
                return "line added";
            }
            return "";
        }
        lines.add(insertAt, line + "\n");
        return "line added";
    }

    static String absent(List<String> lines, Optional<String> line, Optional<Pattern> regexp) {
        int before = lines.size();
        lines.removeIf(l -> regexp.isPresent() ? regexp.get().matcher(TextLines.strip(l)).find()
                : TextLines.strip(l).equals(line.get()));
        int removed = before - lines.size();
        return removed == 0 ? "" : removed + " line(s) removed";
    }
}
