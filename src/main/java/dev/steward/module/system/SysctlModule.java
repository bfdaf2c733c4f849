package dev.steward.module.system;

import dev.steward.module.Args;
import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.module.files.ContentPlanner;
import dev.steward.module.files.Ownership;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sysctl}: a kernel setting persisted as {@code name = value} in a file under
 * {@code /etc/sysctl.d} (written atomically, with a diff) and applied with {@code sysctl -p FILE}.
 * One probe reads the running value and the file; a change is either.
 */
public final class SysctlModule implements Module {

    static final String DEFAULT_FILE = "/etc/sysctl.d/90-steward.conf";

    private static final ModuleSpec SPEC = new ModuleSpec("Sets a kernel parameter now and at boot (/etc/sysctl.d).",
            List.of(Param.required("name", ParamType.STRING, "the key, e.g. net.ipv4.ip_forward").aliases("key"),
                    Param.optional("value", ParamType.STRING, "its value (required for state: present)").aliases("val"),
                    Param.optional("state", ParamType.STRING, "present (default), or absent: removed from the file "
                            + "(the running value stays)").choices("present", "absent"),
                    Param.optional("sysctl_file", ParamType.PATH, "the file under /etc/sysctl.d (default "
                            + DEFAULT_FILE + ")"),
                    Param.optional("reload", ParamType.BOOL, "apply the file with sysctl -p after a change (default true)")),
            Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String key = args.required("name").strip().replace('/', '.');
        if (!key.matches("[A-Za-z0-9_][A-Za-z0-9_.\\-]*")) {
            throw new ModuleFailure("sysctl: '" + key + "' is not a kernel parameter name (e.g. net.ipv4.ip_forward)");
        }
        boolean absent = args.string("state").orElse("present").equals("absent");
        Optional<String> value = args.string("value").map(v -> v.strip().replaceAll("\\s+", " "));
        if (!absent && value.isEmpty()) {
            throw new ModuleFailure("sysctl " + key + " needs a value (or state: absent)");
        }
        String file = args.string("sysctl_file").orElse(DEFAULT_FILE);
        boolean reload = args.bool("reload").orElse(true);
        String f = ShellQuote.quote(file);
        CommandResult r = call.probe().query("echo \"now=$(sysctl -n -- " + ShellQuote.quote(key)
                + " 2>/dev/null | tr -s '\\t ' '  ')\"; echo \"known=$([ -e /proc/sys/" + key.replace('.', '/')
                .replace("'", "") + " ] && echo yes)\"; echo '##file'; cat -- " + f + " 2>/dev/null; true");
        String out = r.stdout();
        int at = out.indexOf("##file\n");
        Map<String, String> kv = HostCommand.keyValues(at >= 0 ? out.substring(0, at) : out);
        String current = at >= 0 ? out.substring(at + "##file\n".length()) : "";
        if (!absent && !"yes".equals(kv.get("known"))) {
            throw new ModuleFailure(call.probe().host() + ": the kernel has no parameter " + key
                    + " (no /proc/sys/" + key.replace('.', '/') + "); check the name, or load its module first",
                    Map.of("name", key));
        }
        List<String> lines = new ArrayList<>();
        boolean found = false;
        for (String line : current.lines().toList()) {
            String t = line.strip();
            int eq = t.indexOf('=');
            String k = eq > 0 ? t.substring(0, eq).strip().replaceFirst("^-", "").replace('/', '.') : "";
            if (!t.startsWith("#") && !t.startsWith(";") && k.equals(key)) {
                if (!absent && !found) {
                    String has = t.substring(eq + 1).strip().replaceAll("\\s+", " ");
                    lines.add(has.equals(value.get()) ? line : key + " = " + value.get());
                }
                found = true;
                continue;
            }
            lines.add(line);
        }
        if (!absent && !found) {
            lines.add(key + " = " + value.get());
        }
        String content = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        String now = kv.getOrDefault("now", "").strip();
        boolean kernelDiffers = !absent && !now.equals(value.get());
        boolean fileDiffers = !content.equals(current);
        Map<String, Object> data = Map.of("name", key, "value", absent ? "" : value.get(), "before", now);
        if (!kernelDiffers && !fileDiffers) {
            return new Plan.Unchanged(new Result(false, key + " = " + now, data));
        }
        Plan write = fileDiffers ? ContentPlanner.plan(call, file, content.getBytes(StandardCharsets.UTF_8),
                new Ownership(Optional.of(0644), Optional.empty(), Optional.empty())) : null;
        String what = absent ? "remove " + key + " from " + file
                : !kernelDiffers ? "persist " + key + " = " + value.get() + " in " + file
                : "set " + key + " " + (now.isEmpty() ? "" : now + " → ") + value.get()
                        + (fileDiffers ? " in " + file : "") + (reload ? "" : " (at the next boot)");
        Optional<dev.steward.module.FileDiff> diff = write instanceof Plan.Change c ? c.diff() : Optional.empty();
        String folder = file.substring(0, Math.max(1, file.lastIndexOf('/')));
        return new Plan.Change(what, true, diff, h -> {
            if (write instanceof Plan.Change c) {
                HostCommand.run(h, "mkdir -p -- " + ShellQuote.quote(folder), null, "create " + folder, "");
                c.action().apply(h);
            }
            if (reload && !absent) {
                HostCommand.run(h, "sysctl -q -p " + f, null, "apply " + file + " with sysctl -p",
                        "in a container only net.* settings may be writable");
            }
            return new Result(true, what, data);
        });
    }
}
