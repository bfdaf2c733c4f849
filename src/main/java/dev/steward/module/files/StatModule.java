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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stat}: what a path is, in one question; never changes anything. The result is under
 * {@code stat}, as in Ansible: {@code st.stat.exists}, {@code isdir}, {@code isreg}, {@code islnk},
 * {@code mode} ("0644"), {@code uid}, {@code gid}, {@code pw_name}/{@code owner},
 * {@code gr_name}/{@code group}, {@code size}, {@code mtime}, {@code lnk_target}, and
 * {@code checksum} (SHA-256, of a regular file).
 */
public final class StatModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Tells what a path is (never changes it).", List.of(
            Param.required("path", ParamType.PATH, "the path on the host").aliases("dest", "name"),
            Param.optional("follow", ParamType.BOOL, "describe what a link points to, not the link (default false)"),
            Param.optional("get_checksum", ParamType.BOOL, "compute the SHA-256 of a regular file (default true)"),
            Param.optional("checksum_algorithm", ParamType.STRING, "sha256, the only one").choices("sha256")),
            Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "stat";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String path = args.required("path");
        boolean follow = args.bool("follow").orElse(false);
        boolean checksum = args.bool("get_checksum").orElse(true);
        String script = "p=" + ShellQuote.quote(path) + "; "
                + "if [ -e \"$p\" ] || [ -L \"$p\" ]; then "
                + "stat " + (follow ? "-L " : "") + "--printf 'type=%F\\nmode=%a\\nuid=%u\\ngid=%g\\nowner=%U\\ngroup=%G\\nsize=%s\\nmtime=%Y\\n' -- \"$p\" || exit 1; "
                + "if [ -L \"$p\" ]; then echo \"target=$(readlink -- \"$p\")\"; fi; "
                + (checksum ? "if [ -f \"$p\" ] && [ -r \"$p\" ]; then echo \"sha256=$(sha256sum < \"$p\" | cut -d' ' -f1)\"; fi; " : "")
                + "else echo type=absent; fi";
        CommandResult r = call.probe().query(script);
        if (r.exitCode() != 0) {
            throw new ModuleFailure("cannot stat " + path + ": " + r.stderr().strip(),
                    Map.of("rc", (long) r.exitCode(), "stderr", r.stderr()));
        }
        Map<String, String> kv = new HashMap<>();
        for (String line : r.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Map<String, Object> stat = new LinkedHashMap<>();
        String type = kv.getOrDefault("type", "absent");
        stat.put("exists", !type.equals("absent"));
        stat.put("path", path);
        if (!type.equals("absent")) {
            stat.put("isdir", type.equals("directory"));
            stat.put("isreg", type.startsWith("regular"));
            stat.put("islnk", type.equals("symbolic link"));
            stat.put("mode", String.format("%04o", Integer.parseInt(kv.getOrDefault("mode", "0"), 8)));
            stat.put("uid", Long.parseLong(kv.getOrDefault("uid", "0")));
            stat.put("gid", Long.parseLong(kv.getOrDefault("gid", "0")));
            stat.put("owner", kv.getOrDefault("owner", ""));
            stat.put("pw_name", kv.getOrDefault("owner", ""));
            stat.put("group", kv.getOrDefault("group", ""));
            stat.put("gr_name", kv.getOrDefault("group", ""));
            stat.put("size", Long.parseLong(kv.getOrDefault("size", "0")));
            stat.put("mtime", Long.parseLong(kv.getOrDefault("mtime", "0")));
            if (kv.containsKey("target")) {
                stat.put("lnk_target", kv.get("target"));
            }
            if (kv.containsKey("sha256")) {
                stat.put("checksum", kv.get("sha256"));
            }
        }
        String msg = type.equals("absent") ? path + " does not exist" : path + " is a " + type;
        return new Plan.Unchanged(new Result(false, msg, Map.of("stat", stat)));
    }
}
