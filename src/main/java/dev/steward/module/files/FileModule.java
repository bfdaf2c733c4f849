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
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code file}: a path's kind (directory, file, link, or absent) and its mode, owner and group.
 * Unlike Ansible, {@code state: touch} does not bump the time of an existing file, so it stays
 * idempotent ({@code changed=0} on the second run).
 */
public final class FileModule implements Module {

    private static final ModuleSpec SPEC;

    static {
        List<Param> params = new ArrayList<>();
        params.add(Param.required("path", ParamType.PATH, "the path on the host").aliases("dest", "name"));
        params.add(Param.optional("state", ParamType.STRING, "what the path must be (default: file, which must exist)")
                .choices("file", "directory", "absent", "link", "touch"));
        params.add(Param.optional("src", ParamType.PATH, "for state: link, what the link points to"));
        params.add(Param.optional("force", ParamType.BOOL, "for state: link, replace a file that is in the way"));
        params.addAll(Ownership.PARAMS);
        SPEC = new ModuleSpec("Makes sure a path is a directory, a file, a link, or absent, with its mode and owner.",
                params, Optional.empty(), List.of(), List.of());
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String path = args.required("path");
        String state = args.string("state").orElse("file");
        Ownership wanted = Ownership.of(args);
        FileState now = FileState.probe(call.probe(), path);
        String p = ShellQuote.quote(path);
        return switch (state) {
            case "absent" -> now.exists()
                    ? change("remove " + path, "rm -rf -- " + p, path)
                    : Plan.unchanged(path + " is absent");
            case "directory" -> {
                if (!now.exists()) {
                    yield change("create directory " + path, "mkdir -p -- " + p + " && " + wanted.applyTo(p), path);
                }
                expect(now, FileState.Type.DIRECTORY, path);
                yield ownership(now, wanted, p, path);
            }
            case "touch" -> now.exists()
                    ? ownership(now, wanted, p, path)
                    : change("create " + path, "touch -- " + p + " && " + wanted.applyTo(p), path);
            case "link" -> {
                String src = args.string("src").orElseThrow(() -> new ModuleFailure("state: link needs 'src'"));
                if (now.type() == FileState.Type.LINK && now.linkTarget().equals(src)) {
                    yield Plan.unchanged(path + " points to " + src);
                }
                if (now.type() == FileState.Type.DIRECTORY
                        || (now.type() == FileState.Type.FILE && !args.bool("force").orElse(false))) {
                    throw new ModuleFailure(path + " exists and is a " + now.type().name().toLowerCase()
                            + ", not a link", Map.of("path", path));
                }
                yield change("link " + path + " → " + src, "ln -sfn -- " + ShellQuote.quote(src) + " " + p, path);
            }
            default -> {
                if (!now.exists()) {
                    throw new ModuleFailure(path + " does not exist", Map.of("path", path));
                }
                expect(now, FileState.Type.FILE, path);
                yield ownership(now, wanted, p, path);
            }
        };
    }

    private static void expect(FileState now, FileState.Type type, String path) throws ModuleFailure {
        if (now.type() != type) {
            throw new ModuleFailure(path + " exists and is a " + now.type().name().toLowerCase() + ", not a "
                    + type.name().toLowerCase(), Map.of("path", path));
        }
    }

    private static Plan ownership(FileState now, Ownership wanted, String quoted, String path) {
        List<String> diffs = wanted.differences(now);
        if (diffs.isEmpty()) {
            return Plan.unchanged(path + " is as wanted");
        }
        return change("set " + String.join(", ", diffs) + " of " + path, wanted.applyTo(quoted), path);
    }

    private static Plan change(String what, String script, String path) {
        return new Plan.Change(what, true, Optional.empty(), host -> {
            CommandResult r = host.run(script);
            if (r.exitCode() != 0) {
                throw new ModuleFailure(what + " failed: " + r.stderr().strip(),
                        Map.of("rc", (long) r.exitCode(), "stderr", r.stderr()));
            }
            return new Result(true, what, Map.of("path", path));
        });
    }
}
