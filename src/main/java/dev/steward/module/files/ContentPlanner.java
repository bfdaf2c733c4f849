package dev.steward.module.files;

import dev.steward.module.FileDiff;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code copy} and {@code template} share: compare the wanted bytes with the file's checksum
 * and its mode/owner/group, and when they differ, upload to a temporary file in the target folder
 * and rename it over the old one, so no reader ever sees a half-written file.
 */
public final class ContentPlanner {

    private static final int NEW_FILE_MODE = 0644;

    private ContentPlanner() {
    }

    public static Plan plan(ModuleCall call, String dest, byte[] content, Ownership wanted)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        FileState state = FileState.probe(call.probe(), dest);
        return plan(call, state, content, wanted, Optional.empty(),
                () -> state.type() == FileState.Type.FILE ? readText(call, dest) : "");
    }

    /**
     * For a module that computed {@code content} from the file it already read ({@code lineinfile},
     * {@code blockinfile}, {@code replace}): no second probe, and the diff's "before" is that text.
     *
     * @param what what the edit does, for the report ("line added"); the path is added to it
     */
    static Plan planEdit(ModuleCall call, FileText current, byte[] content, Ownership wanted, String what)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        return plan(call, current.state(), content, wanted, Optional.of(what), () -> text(current.content()));
    }

    private static Plan plan(ModuleCall call, FileState state, byte[] content, Ownership wanted,
            Optional<String> edit, FileDiff.Before before) throws ModuleFailure {
        String dest = state.path();
        if (state.type() == FileState.Type.DIRECTORY) {
            throw new ModuleFailure("dest " + dest + " is a directory", Map.of("dest", dest));
        }
        String sha = sha256(content);
        boolean contentDiffers = state.type() != FileState.Type.FILE || !sha.equals(state.sha256());
        List<String> ownership = state.exists() ? wanted.differences(state) : List.of();
        Result done = Result.ok("").with("dest", dest).with("checksum", sha).with("size", (long) content.length);
        if (!contentDiffers && ownership.isEmpty()) {
            return new Plan.Unchanged(done);
        }
        String quoted = ShellQuote.quote(dest);
        if (!contentDiffers) {
            return new Plan.Change("set " + String.join(", ", ownership) + " of " + dest, true, Optional.empty(),
                    host -> {
                        expectSuccess(host.run(wanted.applyTo(quoted)), dest);
                        return new Result(true, String.join(", ", ownership), done.data());
                    });
        }
        Ownership effective = wanted.forReplacement(state, NEW_FILE_MODE);
        String folder = dest.contains("/") ? dest.substring(0, Math.max(1, dest.lastIndexOf('/'))) : ".";
        // every step a simple command of its own: set -e ignores a failure inside an && list, which would
        // rename a file whose chmod or chown failed into place and report success
        List<String> steps = new ArrayList<>();
        steps.add("set -e");
        // checked when applied, not when planned: in check mode an earlier task may be about to create it
        steps.add("[ -d " + ShellQuote.quote(folder) + " ] || { echo 'the folder of " + dest.replace("'", "")
                + " does not exist; create it first with a file task (state: directory)' >&2; exit 1; }");
        steps.add("t=$(mktemp " + ShellQuote.quote(folder + "/.steward.XXXXXX") + ")");
        steps.add("trap 'rm -f -- \"$t\"' EXIT");
        steps.add("cat > \"$t\"");
        steps.addAll(effective.commands("\"$t\""));
        steps.add("mv -f -- \"$t\" " + quoted);
        steps.add("trap - EXIT");
        String script = String.join("; ", steps);
        String what = (state.exists() ? "update " + dest
                : "create " + dest + (state.parentExists() ? "" : " (its folder does not exist yet)"))
                + edit.map(e -> ": " + e).orElse("");
        FileDiff diff = new FileDiff(dest, before, text(content));
        return new Plan.Change(what, true, Optional.of(diff), host -> {
            expectSuccess(host.run(script, new ByteArrayInputStream(content)), dest);
            return new Result(true, what, done.data());
        });
    }

    private static void expectSuccess(CommandResult r, String dest) throws ModuleFailure {
        if (r.exitCode() != 0) {
            throw new ModuleFailure("cannot write " + dest + ": " + r.stderr().strip(),
                    Map.of("rc", (long) r.exitCode(), "stderr", r.stderr()));
        }
    }

    private static final int DIFF_LIMIT = 256 * 1024;

    /** The file's current text, for a diff; binary or large files are described, not shown. */
    private static String readText(ModuleCall call, String dest) throws Exception {
        CommandResult r = call.probe().query("head -c " + (DIFF_LIMIT + 1) + " -- " + ShellQuote.quote(dest));
        if (r.exitCode() != 0) {
            return "(cannot read " + dest + ": " + r.stderr().strip() + ")\n";
        }
        return r.stdout().length() > DIFF_LIMIT || r.stdout().indexOf('\0') >= 0 ? "(binary or large file)\n"
                : r.stdout();
    }

    private static String text(byte[] content) {
        if (content.length > DIFF_LIMIT) {
            return "(large file)\n";
        }
        String s = new String(content, StandardCharsets.UTF_8);
        return s.indexOf('\0') >= 0 ? "(binary file)\n" : s;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
