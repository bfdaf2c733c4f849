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
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code group}: a local group present (with its gid) or absent. */
public final class GroupModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Creates, changes or removes a local group.",
            List.of(Param.required("name", ParamType.STRING, "the group's name"),
                    Param.optional("gid", ParamType.INT, "its numeric id"),
                    Param.optional("system", ParamType.BOOL, "when created, take a system gid (below 1000)"),
                    Param.optional("state", ParamType.STRING, "present (default) or absent").choices("present", "absent")),
            Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "group";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String name = UserModule.checkName(args.required("name"), "group");
        String n = ShellQuote.quote(name);
        Optional<Long> gid = args.integer("gid");
        CommandResult r = call.probe().query("getent group -- " + n + "; true");
        String[] entry = r.stdout().isBlank() ? null : r.stdout().strip().split(":", -1);
        boolean absent = args.string("state").orElse("present").equals("absent");
        if (absent) {
            if (entry == null) {
                return Plan.unchanged("group " + name + " is absent");
            }
            return change("remove group " + name, "groupdel -- " + n, name);
        }
        if (entry == null) {
            return change("create group " + name, "groupadd" + gid.map(g -> " -g " + g).orElse("")
                    + (args.bool("system").orElse(false) ? " -r" : "") + " -- " + n, name);
        }
        if (gid.isPresent() && !String.valueOf(gid.get()).equals(entry[2])) {
            return change("set gid " + entry[2] + " → " + gid.get() + " of group " + name,
                    "groupmod -g " + gid.get() + " -- " + n, name);
        }
        return new Plan.Unchanged(new Result(false, "group " + name + " is as wanted",
                Map.of("name", name, "gid", Long.parseLong(entry[2]))));
    }

    private static Plan change(String what, String command, String name) {
        return new Plan.Change(what, true, Optional.empty(), h -> {
            HostCommand.run(h, command, null, what, "");
            return new Result(true, what, Map.of("name", name));
        });
    }
}
