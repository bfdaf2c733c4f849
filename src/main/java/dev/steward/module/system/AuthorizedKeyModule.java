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
import dev.steward.remote.Apply;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.Probe;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code authorized_key}: SSH public keys in a user's {@code ~/.ssh/authorized_keys} (0600 in
 * {@code ~/.ssh} 0700, both owned by the user). A key is known by its type and blob, so a new
 * comment or options replace the line; {@code exclusive} keeps only the given keys. The file is
 * written through the same atomic upload as {@code copy}, with a diff.
 */
public final class AuthorizedKeyModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec("Adds or removes SSH public keys of a user.",
            List.of(Param.required("user", ParamType.STRING, "whose authorized_keys"),
                    Param.required("key", ParamType.STRING, "one public key line, or several (one per line)"),
                    Param.optional("state", ParamType.STRING, "present (default) or absent").choices("present", "absent"),
                    Param.optional("exclusive", ParamType.BOOL, "remove every other key (default false)")),
            Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "authorized_key";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        String user = UserModule.checkName(call.args().required("user"), "user");
        Optional<Account> account = Account.probe(call.probe(), user);
        if (account.isEmpty()) {
            // check mode on a fresh host: an earlier user task may create the account; decided again when applied
            return new Plan.Change("update the authorized_keys of " + user + " (the user does not exist yet)", false,
                    Optional.empty(), h -> {
                        Plan again = plan(call, h, user, Account.probe(h, user).orElseThrow(() -> new ModuleFailure(
                                h.host() + ": the user " + user + " does not exist; create it first with a user task",
                                Map.of("user", user))));
                        return again instanceof Plan.Change c ? c.action().apply(h)
                                : ((Plan.Unchanged) again).result();
                    });
        }
        return plan(call, call.probe(), user, account.get());
    }

    private static Plan plan(ModuleCall call, Probe probe, String user, Account account)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        List<String> keys = new ArrayList<>();
        for (String line : args.required("key").split("\n")) {
            String k = line.strip();
            if (!k.isEmpty() && !k.startsWith("#")) {
                if (blob(k).isEmpty()) {
                    throw new ModuleFailure("authorized_key: '" + abbreviate(k) + "' is not an SSH public key line "
                            + "(ssh-ed25519 AAAA… comment)");
                }
                keys.add(k);
            }
        }
        if (keys.isEmpty()) {
            throw new ModuleFailure("authorized_key: key holds no public key");
        }
        boolean absent = args.string("state").orElse("present").equals("absent");
        boolean exclusive = args.bool("exclusive").orElse(false);
        List<String> lines = new ArrayList<>(account.keys().lines().toList());
        List<String> wanted = new ArrayList<>();
        if (absent) {
            for (String line : lines) {
                if (keys.stream().noneMatch(k -> sameKey(k, line))) {
                    wanted.add(line);
                }
            }
        } else if (exclusive) {
            wanted.addAll(keys);
        } else {
            wanted.addAll(lines);
            for (String k : keys) {
                int at = -1;
                for (int i = 0; i < wanted.size(); i++) {
                    if (sameKey(k, wanted.get(i))) {
                        at = i;
                        break;
                    }
                }
                if (at >= 0) {
                    wanted.set(at, k);
                } else {
                    wanted.add(k);
                }
            }
        }
        String content = wanted.isEmpty() ? "" : String.join("\n", wanted) + "\n";
        String current = account.keys();
        if (absent && content.equals(current) || !absent && content.equals(current) && account.dirOk()
                && account.fileOk()) {
            return new Plan.Unchanged(new Result(false, "the keys of " + user + " are as wanted",
                    Map.of("user", user, "keys", (long) keys.size())));
        }
        String dir = account.home() + "/.ssh";
        String file = dir + "/authorized_keys";
        Ownership mode = new Ownership(Optional.of(0600), Optional.of(user), Optional.of(account.group()));
        Plan content0 = ContentPlanner.plan(new ModuleCall(args, probe, call.context()), file,
                content.getBytes(StandardCharsets.UTF_8), mode);
        String prepare = "mkdir -p -- " + ShellQuote.quote(dir) + " && chmod 0700 -- " + ShellQuote.quote(dir)
                + " && chown " + ShellQuote.quote(user) + ":" + ShellQuote.quote(account.group()) + " -- "
                + ShellQuote.quote(dir);
        String what = (content.equals(current) ? "set the mode and owner of " : "update ") + file;
        Optional<dev.steward.module.FileDiff> diff = content0 instanceof Plan.Change c ? c.diff() : Optional.empty();
        return new Plan.Change(what, true, diff, h -> {
            HostCommand.run(h, prepare, null, "prepare " + dir, "");
            if (content0 instanceof Plan.Change c) {
                c.action().apply(h);
            }
            return new Result(true, what, Map.of("user", user, "keys", (long) keys.size(), "dest", file));
        });
    }

    private static boolean sameKey(String a, String b) {
        Optional<String> x = blob(a);
        return x.isPresent() && x.equals(blob(b));
    }

    /** The key's type and base64 blob, whatever options come before and comment after. */
    static Optional<String> blob(String line) {
        String[] words = line.strip().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].matches("(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\\d+|sk-[a-z0-9@.-]+)(-cert-v01@openssh\\.com)?")
                    && words[i + 1].matches("AAAA[A-Za-z0-9+/]+=*")) {
                return Optional.of(words[i] + " " + words[i + 1]);
            }
        }
        return Optional.empty();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** The user's home, primary group, authorized_keys and whether ~/.ssh and the file are as wanted. */
    private record Account(String home, String group, String keys, boolean dirOk, boolean fileOk) {

        static Optional<Account> probe(Probe probe, String user)
                throws ModuleFailure, TransportException, BecomeException, InterruptedException {
            String script = "u=" + ShellQuote.quote(user) + "; e=$(getent passwd -- \"$u\") || { echo absent=yes; exit 0; }; "
                    + "h=$(echo \"$e\" | cut -d: -f6); echo \"home=$h\"; echo \"group=$(id -gn -- \"$u\")\"; "
                    + "[ -d \"$h/.ssh\" ] && echo \"dir=$(stat -c '%a %U %G' -- \"$h/.ssh\")\"; "
                    + "[ -f \"$h/.ssh/authorized_keys\" ] && echo \"file=$(stat -c '%a %U %G' -- \"$h/.ssh/authorized_keys\")\""
                    + " && echo '##keys' && cat -- \"$h/.ssh/authorized_keys\"; true";
            CommandResult r = HostCommand.query(probe, script, "read the SSH keys of " + user, "");
            String out = r.stdout();
            int at = out.indexOf("##keys\n");
            Map<String, String> kv = HostCommand.keyValues(at >= 0 ? out.substring(0, at) : out);
            if (kv.containsKey("absent")) {
                return Optional.empty();
            }
            String keys = at >= 0 ? out.substring(at + "##keys\n".length()) : "";
            String group = kv.getOrDefault("group", user);
            String owned = " " + user + " " + group;
            return Optional.of(new Account(kv.get("home"), group, keys,
                    ("700" + owned).equals(kv.get("dir")), ("600" + owned).equals(kv.get("file"))));
        }
    }
}
