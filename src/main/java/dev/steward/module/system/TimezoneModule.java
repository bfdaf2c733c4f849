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
 * {@code timezone}: {@code /etc/localtime} a link to the zone and {@code /etc/timezone} naming it
 * (Debian reads both); with {@code timedatectl} when systemd runs, so timedated knows.
 */
public final class TimezoneModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Sets the host's time zone.",
            List.of(Param.required("name", ParamType.STRING, "an IANA zone, e.g. Etc/UTC or Europe/Berlin")),
            Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "timezone";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        String zone = call.args().required("name").strip();
        if (!zone.matches("[A-Za-z0-9_+\\-]+(/[A-Za-z0-9_+\\-]+)*")) {
            throw new ModuleFailure("timezone: '" + zone + "' is not a zone name like Europe/Berlin");
        }
        String z = ShellQuote.quote(zone);
        CommandResult r = HostCommand.query(call.probe(), "echo \"link=$(readlink /etc/localtime)\"; "
                + "echo \"file=$(cat /etc/timezone 2>/dev/null)\"; "
                + "[ -f /usr/share/zoneinfo/" + z + " ] && echo known=yes; "
                + "if [ -d /run/systemd/system ] && command -v timedatectl >/dev/null; then echo systemd=yes; fi; true",
                "read the time zone", "");
        Map<String, String> kv = HostCommand.keyValues(r.stdout());
        if (!"yes".equals(kv.get("known"))) {
            throw new ModuleFailure(call.probe().host() + ": unknown time zone " + zone + " (no /usr/share/zoneinfo/"
                    + zone + "); check the name, or install tzdata", Map.of("name", zone));
        }
        String link = kv.getOrDefault("link", "");
        String now = link.contains("zoneinfo/") ? link.substring(link.indexOf("zoneinfo/") + "zoneinfo/".length()) : link;
        String file = kv.getOrDefault("file", "");
        Map<String, Object> data = Map.of("name", zone, "before", now);
        if (now.equals(zone) && file.strip().equals(zone)) {
            return new Plan.Unchanged(new Result(false, "the time zone is " + zone, data));
        }
        String setLink = "yes".equals(kv.get("systemd")) ? "timedatectl set-timezone -- " + z
                : "ln -sfn /usr/share/zoneinfo/" + z + " /etc/localtime";
        String what = "set the time zone " + (now.isEmpty() ? "" : now + " → ") + zone;
        FileDiff diff = new FileDiff("/etc/timezone", () -> file.isEmpty() ? "" : file + "\n", zone + "\n");
        return new Plan.Change(what, true, Optional.of(diff), h -> {
            HostCommand.run(h, setLink + " && printf '%s\\n' " + z + " > /etc/timezone", null, "set the time zone", "");
            return new Result(true, what, data);
        });
    }
}
