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
import dev.steward.remote.CommandRunner;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code fetch}: a file from the host to the controller, into {@code dest/HOST/path} as in Ansible
 * (or exactly {@code dest} with {@code flat: true}). Unchanged when the controller's copy has the
 * host file's SHA-256; otherwise written to a temporary file beside the target and renamed.
 */
public final class FetchModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Copies a file from the host to the controller.", List.of(
            Param.required("src", ParamType.PATH, "the file on the host"),
            Param.required("dest", ParamType.PATH,
                    "a folder on the controller (relative: beside the playbook); the file lands in dest/HOST/src"),
            Param.optional("flat", ParamType.BOOL,
                    "write to dest itself (or dest/NAME when dest ends with /), without the host and path folders"),
            Param.optional("fail_on_missing", ParamType.BOOL, "fail when src does not exist (default true)"),
            Param.optional("validate_checksum", ParamType.BOOL,
                    "check that what arrived has the host file's SHA-256 (default true)")),
            Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "fetch";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String src = args.required("src");
        String dest = args.required("dest");
        String name = src.substring(src.lastIndexOf('/') + 1);
        String relative = args.bool("flat").orElse(false)
                ? (dest.endsWith("/") ? dest + name : dest)
                : dest.replaceAll("/+$", "") + "/" + call.probe().host() + "/" + src.replaceAll("^/+", "");
        Path local = call.context().controllerPath(relative);
        String p = ShellQuote.quote(src);
        CommandResult r = call.probe().query("p=" + p + "; if [ -d \"$p\" ]; then echo type=directory; "
                + "elif [ -f \"$p\" ]; then echo type=file; s=$(sha256sum < \"$p\") || exit 1; echo \"sha256=${s%% *}\"; "
                + "elif [ -e \"$p\" ]; then echo type=other; else echo type=absent; fi");
        if (r.exitCode() != 0) {
            throw new ModuleFailure("cannot read " + src + ": " + r.stderr().strip(),
                    Map.of("rc", (long) r.exitCode(), "stderr", r.stderr()));
        }
        Map<String, String> kv = new HashMap<>();
        for (String line : r.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        String type = kv.getOrDefault("type", "absent");
        if (type.equals("absent")) {
            if (args.bool("fail_on_missing").orElse(true)) {
                throw new ModuleFailure(src + " does not exist on the host (fail_on_missing: false ignores this)",
                        Map.of("file", src));
            }
            return new Plan.Unchanged(Result.ok(src + " does not exist on the host; nothing fetched"));
        }
        if (!type.equals("file")) {
            throw new ModuleFailure(src + " is a " + type + "; fetch copies files only", Map.of("file", src));
        }
        String remoteSum = kv.getOrDefault("sha256", "");
        Result done = Result.ok("").with("dest", local.toString()).with("file", src).with("checksum", remoteSum)
                .with("remote_checksum", remoteSum);
        if (Files.isDirectory(local)) {
            throw new ModuleFailure("dest " + local + " is a directory on the controller", Map.of("dest", local.toString()));
        }
        if (Files.isRegularFile(local) && remoteSum.equals(localSum(local))) {
            return new Plan.Unchanged(done);
        }
        boolean validate = args.bool("validate_checksum").orElse(true);
        String what = "fetch " + src + " to " + local;
        return new Plan.Change(what, true, Optional.empty(), host -> {
            CommandResult content = host.query("base64 -w0 -- " + p);
            if (content.exitCode() != 0) {
                throw new ModuleFailure("cannot read " + src + ": " + content.stderr().strip(),
                        Map.of("rc", (long) content.exitCode(), "stderr", content.stderr()));
            }
            if (content.truncated()) {
                throw new ModuleFailure(src + " is too large to fetch (over " + CommandRunner.OUTPUT_LIMIT / (1024 * 1024)
                        + " MB as base64)");
            }
            byte[] bytes = Base64.getDecoder().decode(content.stdout().strip());
            String got = ContentPlanner.sha256(bytes);
            if (validate && !got.equals(remoteSum)) {
                throw new ModuleFailure("the checksum of what arrived (" + got + ") is not the host file's ("
                        + remoteSum + "): it changed while being fetched; run again", Map.of("file", src));
            }
            write(local, bytes);
            Map<String, Object> data = new LinkedHashMap<>(done.data());
            data.put("checksum", got);
            return new Result(true, what, data);
        });
    }

    private static String localSum(Path file) throws ModuleFailure {
        try {
            return ContentPlanner.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModuleFailure("cannot read " + file + " on the controller: " + e.getMessage());
        }
    }

    /** Writes to a temporary file in the same folder and renames it, so no reader sees half a file. */
    private static void write(Path target, byte[] bytes) throws ModuleFailure {
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), ".steward.", ".part");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ModuleFailure("cannot write " + target + " on the controller: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the rename took it, or it is left as a .part file the next run overwrites
                }
            }
        }
    }
}
