package dev.steward.module.files;

import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.remote.BecomeException;
import dev.steward.transport.TransportException;
import java.util.Map;

/**
 * An edit of a text file on the host, as {@code lineinfile} and {@code blockinfile} make it: the file
 * is read once, edited here, and written back atomically when the edit or its ownership changes it.
 */
final class TextFileEdit {

    /** Turns the file's text into the edited text, saying what changed ("line added"), or "" for nothing. */
    interface Edit {
        Edited apply(String text) throws ModuleFailure;
    }

    record Edited(String text, String what) {
    }

    private TextFileEdit() {
    }

    /**
     * The plan for editing {@code path}. It must be a file or absent; absent, it is left so when
     * {@code present} is false and created (with {@code create: true}) when it is true.
     */
    static Plan plan(ModuleCall call, String path, boolean present, Edit edit)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        FileText current = FileState.probeWithContent(call.probe(), path);
        FileState.Type type = current.state().type();
        if (type != FileState.Type.FILE && type != FileState.Type.ABSENT) {
            throw new ModuleFailure(path + " is a " + type.name().toLowerCase() + ", not a file", Map.of("path", path));
        }
        if (type == FileState.Type.ABSENT) {
            if (!present) {
                return new Plan.Unchanged(Result.ok(path + " does not exist").with("path", path));
            }
            if (!call.args().bool("create").orElse(false)) {
                throw new ModuleFailure(path + " does not exist; set create: true to create it", Map.of("path", path));
            }
        }
        Edited edited = edit.apply(current.text());
        Ownership wanted = Ownership.of(call.args());
        if (edited.what().isEmpty() && type == FileState.Type.FILE && wanted.differences(current.state()).isEmpty()) {
            return new Plan.Unchanged(Result.ok("").with("path", path));
        }
        return ContentPlanner.planEdit(call, current, ContentPlanner.utf8(edited.text()), wanted,
                edited.what().isEmpty() ? "file created" : edited.what());
    }
}
