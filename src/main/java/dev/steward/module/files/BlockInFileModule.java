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
import java.util.regex.Pattern;

/**
 * {@code blockinfile}: a block of lines between two marker lines ({@code # BEGIN STEWARD MANAGED
 * BLOCK} … {@code # END …}), replaced as a whole, inserted where asked when the markers are not
 * there yet, or removed. The file is read once, edited here, and written back atomically.
 */
public final class BlockInFileModule implements Module {

    static final String DEFAULT_MARKER = "# {mark} STEWARD MANAGED BLOCK";
    private static final ModuleSpec SPEC;

    static {
        List<Param> params = new ArrayList<>();
        params.add(Param.required("path", ParamType.PATH, "the file on the host").aliases("dest", "destfile", "name"));
        params.add(Param.optional("block", ParamType.STRING, "the lines between the markers (empty: remove the block)")
                .aliases("content"));
        params.add(Param.optional("marker", ParamType.STRING,
                "the marker line; {mark} becomes marker_begin or marker_end (default: " + DEFAULT_MARKER + ")"));
        params.add(Param.optional("marker_begin", ParamType.STRING, "what {mark} is in the first marker (default BEGIN)"));
        params.add(Param.optional("marker_end", ParamType.STRING, "what {mark} is in the last marker (default END)"));
        params.add(Param.optional("state", ParamType.STRING, "present (default) or absent").choices("present", "absent"));
        params.add(Param.optional("insertafter", ParamType.STRING,
                "when the markers are not there: after the last line this regular expression matches, or EOF (default)"));
        params.add(Param.optional("insertbefore", ParamType.STRING,
                "when the markers are not there: before the last line this regular expression matches, or BOF"));
        params.add(Param.optional("create", ParamType.BOOL, "create the file when it does not exist (default false: fail)"));
        params.addAll(Ownership.PARAMS);
        SPEC = new ModuleSpec("Keeps a marked block of lines in a file; edits the file atomically.", params,
                Optional.empty(), List.of(List.of("insertafter", "insertbefore")), List.of());
    }

    @Override
    public String name() {
        return "blockinfile";
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
        String marker = args.string("marker").orElse(DEFAULT_MARKER);
        String begin = marker.replace("{mark}", args.string("marker_begin").orElse("BEGIN"));
        String end = marker.replace("{mark}", args.string("marker_end").orElse("END"));
        if (begin.equals(end)) {
            throw new ModuleFailure("blockinfile: the begin and end markers are the same ('" + begin
                    + "'); put {mark} in the marker");
        }
        Optional<String> after = args.string("insertafter");
        Optional<String> before = args.string("insertbefore");
        Pattern where = after.isPresent() && !after.get().equals("EOF") ? PythonRegex.compile("insertafter", after.get(), 0)
                : before.isPresent() && !before.get().equals("BOF") ? PythonRegex.compile("insertbefore", before.get(), 0)
                : null;
        String block = args.string("block").orElse("");
        List<String> blockLines = new ArrayList<>();
        if (present && !block.isEmpty()) {
            blockLines.add(begin);
            blockLines.addAll(TextLines.split(block).stream().map(TextLines::strip).toList());
            blockLines.add(end);
        }
        return TextFileEdit.plan(call, path, present, text -> {
            List<String> lines = new ArrayList<>(TextLines.split(text).stream().map(TextLines::strip).toList());
            List<String> original = List.copyOf(lines);
            int n0 = -1;
            int n1 = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).equals(begin)) {
                    n0 = i;
                }
                if (lines.get(i).equals(end)) {
                    n1 = i;
                }
            }
            if (n0 == -1 || n1 == -1) {
                if (where != null) {
                    n0 = -1;
                    for (int i = 0; i < lines.size(); i++) {
                        if (where.matcher(lines.get(i)).find()) {
                            n0 = i;
                        }
                    }
                    n0 = n0 == -1 ? lines.size() : after.isPresent() ? n0 + 1 : n0;
                } else {
                    n0 = before.isPresent() ? 0 : lines.size();
                }
            } else if (n0 < n1) {
                lines.subList(n0, n1 + 1).clear();
            } else {
                lines.subList(n1, n0 + 1).clear();
                n0 = n1;
            }
            lines.addAll(n0, blockLines);
            String edited = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
            return new TextFileEdit.Edited(edited,
                    lines.equals(original) ? "" : blockLines.isEmpty() ? "block removed" : "block inserted");
        });
    }
}
