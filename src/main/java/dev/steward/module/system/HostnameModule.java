package dev.steward.module.system;

import dev.steward.module.FileDiff;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hostname}: the static name in {@code /etc/hostname} and the running one (with
 * {@code hostnamectl} when systemd runs, else {@code hostname}). {@code /etc/hostname} is rewritten
 * in place, not renamed over: in a container it is a bind mount, which a rename cannot replace.
 */
public final class HostnameModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Sets the host's name, now and at boot.",
            List.of(Param.required("name", ParamType.STRING, "the new host name (letters, digits, -, dots between labels)")),
            Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "hostname";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        String name = call.args().required("name").strip();
        if (name.length() > 253 || !name.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*")) {
            throw new ModuleFailure("hostname: '" + name + "' is not a valid host name (RFC 1123: labels of letters, "
                    + "digits and -, separated by dots)");
        }
        CommandResult r = HostCommand.query(call.probe(), "echo \"now=$(hostname)\"; "
                + "echo \"file=$(cat /etc/hostname 2>/dev/null)\"; "
                + "if [ -d /run/systemd/system ] && command -v hostnamectl >/dev/null; then echo systemd=yes; fi",
                "read the host name", "");
        Map<String, String> kv = HostCommand.keyValues(r.stdout());
        String now = kv.getOrDefault("now", "");
        String file = kv.getOrDefault("file", "");
        Map<String, Object> data = Map.of("name", name, "before", now);
        if (now.equals(name) && file.strip().equals(name)) {
            return new Plan.Unchanged(new Result(false, "the host name is " + name, data));
        }
        String n = ShellQuote.quote(name);
        String set = "yes".equals(kv.get("systemd")) ? "hostnamectl set-hostname --transient -- " + n : "hostname " + n;
        String what = "set the host name " + now + " → " + name;
        FileDiff diff = new FileDiff("/etc/hostname", () -> file.isEmpty() ? "" : file + "\n", name + "\n");
        return new Plan.Change(what, true, Optional.of(diff), h -> {
            HostCommand.run(h, "printf '%s\\n' " + n + " > /etc/hostname && " + set, null, "set the host name",
                    "the running name needs CAP_SYS_ADMIN (in a container: --cap-add SYS_ADMIN)");
            return new Result(true, what, data);
        });
    }
}
