package dev.steward.module.files;

import dev.steward.module.Args;
import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.remote.BecomeException;
import dev.steward.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code replace}: every match of a regular expression (multi-line mode, Python syntax) replaced,
 * optionally only after the first match of {@code after} and before the first match of
 * {@code before}. The file is read once, edited here, and written back atomically.
 */
public final class ReplaceModule implements Module {

    private static final ModuleSpec SPEC;

    static {
        List<Param> params = new ArrayList<>();
        params.add(Param.required("path", ParamType.PATH, "the file on the host").aliases("dest", "destfile", "name"));
        params.add(Param.required("regexp", ParamType.STRING,
                "a regular expression (Python syntax; ^ and $ match at every line)"));
        params.add(Param.optional("replace", ParamType.STRING,
                "what each match becomes; \\1 or \\g<name> insert groups (default: empty, which deletes the matches)"));
        params.add(Param.optional("after", ParamType.STRING, "only replace after the first match of this expression"));
        params.add(Param.optional("before", ParamType.STRING, "only replace before the first match of this expression"));
        params.addAll(Ownership.PARAMS);
        SPEC = new ModuleSpec("Replaces every match of a regular expression in a file; edits it atomically.", params,
                Optional.empty(), List.of(), List.of());
    }

    @Override
    public String name() {
        return "replace";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String path = args.required("path");
        Pattern regexp = PythonRegex.compile("regexp", args.required("regexp"), Pattern.MULTILINE);
        String template = args.string("replace").orElse("");
        Optional<Pattern> after = args.has("after")
                ? Optional.of(PythonRegex.compile("after", args.required("after"), Pattern.MULTILINE)) : Optional.empty();
        Optional<Pattern> before = args.has("before")
                ? Optional.of(PythonRegex.compile("before", args.required("before"), Pattern.MULTILINE)) : Optional.empty();
        FileText current = FileState.probeWithContent(call.probe(), path);
        if (current.state().type() != FileState.Type.FILE) {
            throw new ModuleFailure(current.state().exists()
                    ? path + " is a " + current.state().type().name().toLowerCase() + ", not a file"
                    : path + " does not exist", Map.of("path", path));
        }
        String text = current.text();
        int start = 0;
        int stop = text.length();
        if (after.isPresent()) {
            Matcher m = after.get().matcher(text);
            start = m.find() ? m.end() : text.length(); // no match: nothing is after it
        }
        if (before.isPresent()) {
            Matcher m = before.get().matcher(text);
            stop = m.find() ? m.start() : 0;
        }
        if (stop < start) {
            stop = start;
        }
        String section = text.substring(start, stop);
        Matcher m = regexp.matcher(section);
        StringBuilder out = new StringBuilder();
        int last = 0;
        int count = 0;
        while (m.find()) {
            out.append(section, last, m.start()).append(PythonRegex.expand(m, template));
            last = m.end();
            count++;
        }
        out.append(section.substring(last));
        String edited = text.substring(0, start) + out + text.substring(stop);
        Ownership wanted = Ownership.of(args);
        if (edited.equals(text) && wanted.differences(current.state()).isEmpty()) {
            return new Plan.Unchanged(Result.ok("").with("path", path).with("replacements", (long) count));
        }
        return ContentPlanner.planEdit(call, current, ContentPlanner.utf8(edited), wanted,
                count + " replacement" + (count == 1 ? "" : "s"));
    }
}
