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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code user}: a local account present with its uid, primary group, supplementary groups, shell,
 * home and password hash, or absent. The password hash goes to {@code chpasswd -e} on stdin, never
 * on a command line, and never into a message or diff. One probe reads the account, its groups
 * and (only when a password is given) its shadow hash.
 */
public final class UserModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Creates, changes or removes a local user account.",
            List.of(Param.required("name", ParamType.STRING, "the user's login name"),
                    Param.optional("uid", ParamType.INT, "its numeric id"),
                    Param.optional("group", ParamType.STRING, "its primary group (must exist)"),
                    Param.optional("groups", ParamType.ANY, "supplementary groups: a list or a comma-separated string"),
                    Param.optional("append", ParamType.BOOL, "add to groups instead of setting exactly them (default false)"),
                    Param.optional("shell", ParamType.STRING, "its login shell"),
                    Param.optional("home", ParamType.PATH, "its home folder"),
                    Param.optional("create_home", ParamType.BOOL, "when created, make the home folder (default true)"),
                    Param.optional("system", ParamType.BOOL, "when created, a system account (uid below 1000)"),
                    Param.optional("comment", ParamType.STRING, "the GECOS field (full name)"),
                    Param.optional("password", ParamType.STRING, "a crypt(3) hash (mkpasswd -m yescrypt), never "
                            + "clear text; sent on stdin to chpasswd -e"),
                    Param.optional("remove", ParamType.BOOL, "with state: absent, remove the home folder too"),
                    Param.optional("state", ParamType.STRING, "present (default) or absent").choices("present", "absent")),
            Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "user";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    static String checkName(String name, String what) throws ModuleFailure {
        if (!name.matches("[a-z_][a-z0-9_.-]*\\$?") || name.length() > 32) {
            throw new ModuleFailure(what + " name '" + name + "' is not valid: lower case letters, digits, _ . - "
                    + "(starting with a letter or _), at most 32 characters");
        }
        return name;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String name = checkName(args.required("name"), "user");
        String n = ShellQuote.quote(name);
        Optional<String> password = args.string("password");
        if (password.isPresent() && !password.get().matches("[$!*].*")) {
            throw new ModuleFailure("user " + name + ": password must be a crypt hash (e.g. from 'mkpasswd -m yescrypt'"
                    + " or a vault secret holding one), not clear text");
        }
        String script = "n=" + n + "; if e=$(getent passwd -- \"$n\"); then echo \"passwd=$e\"; "
                + "echo \"primary=$(id -gn -- \"$n\")\"; "
                + "echo \"groups=$(getent group | awk -F: -v u=\"$n\" '{ k = split($4, m, \",\"); "
                + "for (i = 1; i <= k; i++) if (m[i] == u) print $1 }' | paste -sd, -)\"; "
                + (password.isPresent() ? "echo \"shadow=$(getent shadow -- \"$n\" | cut -d: -f2)\"; " : "")
                + "else echo absent=yes; fi";
        CommandResult r = HostCommand.query(call.probe(), script, "read the account " + name, "");
        Map<String, String> kv = HostCommand.keyValues(r.stdout());
        boolean exists = kv.containsKey("passwd");
        Map<String, Object> data = Map.of("name", name);

        if (args.string("state").orElse("present").equals("absent")) {
            if (!exists) {
                return Plan.unchanged("user " + name + " is absent");
            }
            String what = "remove user " + name;
            String cmd = "userdel" + (args.bool("remove").orElse(false) ? " -r" : "") + " -- " + n;
            return change(what, cmd, null, data);
        }

        List<String> groups = groups(args);
        if (!exists) {
            List<String> opts = new ArrayList<>();
            args.integer("uid").ifPresent(u -> opts.add("-u " + u));
            args.string("group").ifPresent(g -> opts.add("-g " + ShellQuote.quote(g)));
            if (!groups.isEmpty()) {
                opts.add("-G " + ShellQuote.quote(String.join(",", groups)));
            }
            args.string("shell").ifPresent(s -> opts.add("-s " + ShellQuote.quote(s)));
            args.string("home").ifPresent(h -> opts.add("-d " + ShellQuote.quote(h)));
            args.string("comment").ifPresent(c -> opts.add("-c " + ShellQuote.quote(c)));
            opts.add(args.bool("create_home").orElse(true) ? "-m" : "-M");
            if (args.bool("system").orElse(false)) {
                opts.add("-r");
            }
            String what = "create user " + name + (password.isPresent() ? " with a password" : "");
            String cmd = "useradd " + String.join(" ", opts) + " -- " + n + (password.isPresent() ? " && chpasswd -e" : "");
            return change(what, cmd, password.map(p -> name + ":" + p + "\n").orElse(null), data);
        }

        String[] pw = kv.get("passwd").split(":", -1);
        List<String> steps = new ArrayList<>();
        List<String> opts = new ArrayList<>();
        Optional<Long> uid = args.integer("uid");
        if (uid.isPresent() && !String.valueOf(uid.get()).equals(pw[2])) {
            steps.add("uid " + pw[2] + " → " + uid.get());
            opts.add("-u " + uid.get());
        }
        Optional<String> group = args.string("group");
        if (group.isPresent() && !group.get().equals(group.get().matches("\\d+") ? pw[3] : kv.get("primary"))) {
            steps.add("group " + kv.get("primary") + " → " + group.get());
            opts.add("-g " + ShellQuote.quote(group.get()));
        }
        if (args.has("groups")) {
            Set<String> current = new LinkedHashSet<>(List.of(kv.getOrDefault("groups", "").split(",")));
            current.remove("");
            boolean append = args.bool("append").orElse(false);
            List<String> missing = groups.stream().filter(g -> !current.contains(g)).toList();
            if (append && !missing.isEmpty()) {
                steps.add("add to groups " + String.join(", ", missing));
                opts.add("-a -G " + ShellQuote.quote(String.join(",", missing)));
            } else if (!append && !current.equals(new LinkedHashSet<>(groups))) {
                steps.add("groups " + String.join(",", current) + " → " + String.join(",", groups));
                opts.add("-G " + ShellQuote.quote(String.join(",", groups)));
            }
        }
        compare(args, "comment", pw[4], "-c", steps, opts);
        compare(args, "home", pw[5], "-d", steps, opts);
        compare(args, "shell", pw[6], "-s", steps, opts);
        boolean newPassword = password.isPresent() && !password.get().equals(kv.getOrDefault("shadow", ""));
        if (steps.isEmpty() && !newPassword) {
            return new Plan.Unchanged(new Result(false, "user " + name + " is as wanted",
                    Map.of("name", name, "uid", Long.parseLong(pw[2]), "home", pw[5], "shell", pw[6])));
        }
        if (newPassword) {
            steps.add("password"); // never the hash itself
        }
        String what = "set " + String.join(", ", steps) + " of user " + name;
        List<String> commands = new ArrayList<>();
        if (!opts.isEmpty()) {
            commands.add("usermod " + String.join(" ", opts) + " -- " + n);
        }
        if (newPassword) {
            commands.add("chpasswd -e");
        }
        return change(what, String.join(" && ", commands), newPassword ? name + ":" + password.get() + "\n" : null,
                data);
    }

    private static void compare(Args args, String param, String now, String option, List<String> steps,
            List<String> opts) {
        args.string(param).filter(v -> !v.equals(now)).ifPresent(v -> {
            steps.add(param + " " + (now.isEmpty() ? "(none)" : now) + " → " + v);
            opts.add(option + " " + ShellQuote.quote(v));
        });
    }

    private static List<String> groups(Args args) {
        Object raw = args.raw("groups");
        List<String> out = new ArrayList<>();
        if (raw instanceof List<?> l) {
            l.forEach(o -> out.add(String.valueOf(o).strip()));
        } else if (raw != null) {
            for (String s : String.valueOf(raw).split(",")) {
                out.add(s.strip());
            }
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    private static Plan change(String what, String command, String stdin, Map<String, Object> data) {
        return new Plan.Change(what, true, Optional.empty(), h -> {
            HostCommand.run(h, command, stdin, what, "");
            return new Result(true, what, data);
        });
    }
}
