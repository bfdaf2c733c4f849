package dev.steward.module.packages;

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
import dev.steward.module.files.FileState;
import dev.steward.module.files.Ownership;
import dev.steward.module.system.HostCommand;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code apt_key}, the modern way: a repository's signing key as its own keyring file under
 * {@code /etc/apt/keyrings} (never the deprecated trusted.gpg), for a source entry's
 * {@code signed-by}. The key comes from a URL the host fetches with curl, or inline text; an
 * armored key is dearmored. Changed only when the keyring's bytes change.
 */
public final class AptKeyModule implements Module {

    static final String KEYRINGS = "/etc/apt/keyrings";

    private static final ModuleSpec SPEC = new ModuleSpec(
            "Writes a repository signing key as a keyring file under /etc/apt/keyrings (for signed-by).",
            List.of(Param.optional("name", ParamType.STRING, "the keyring's name: /etc/apt/keyrings/NAME.gpg"),
                    Param.optional("keyring", ParamType.PATH, "the keyring's full path instead of name"),
                    Param.optional("url", ParamType.STRING, "where the host downloads the key (with curl)"),
                    Param.optional("data", ParamType.STRING, "the key itself, armored or not"),
                    Param.optional("state", ParamType.STRING, "present (default) or absent").choices("present", "absent")),
            Optional.empty(), List.of(List.of("name", "keyring"), List.of("url", "data")),
            List.of(List.of("name", "keyring")));

    @Override
    public String name() {
        return "apt_key";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    static String keyringPath(Args args) throws ModuleFailure {
        if (args.has("keyring")) {
            return args.required("keyring");
        }
        String name = args.required("name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ModuleFailure("apt_key: name '" + name + "' must be a plain file name (letters, digits, . _ -)");
        }
        return KEYRINGS + "/" + (name.endsWith(".gpg") ? name : name + ".gpg");
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String host = call.probe().host();
        String path = keyringPath(args);
        if (args.string("state").orElse("present").equals("absent")) {
            FileState now = FileState.probe(call.probe(), path);
            if (!now.exists()) {
                return Plan.unchanged(path + " is absent");
            }
            return new Plan.Change("remove " + path, true, Optional.empty(), h -> {
                HostCommand.run(h, "rm -f -- " + ShellQuote.quote(path), null, "remove " + path, "");
                return Result.changed("remove " + path);
            });
        }
        byte[] key;
        String where;
        if (args.has("url")) {
            String url = args.required("url");
            where = "the key at " + url;
            CommandResult r = call.probe().query("command -v curl >/dev/null || { echo 'curl is not installed' >&2; "
                    + "exit 127; }; t=$(mktemp) && trap 'rm -f -- \"$t\"' EXIT && curl -fsSL --max-time 60 -o \"$t\" -- "
                    + ShellQuote.quote(url) + " && base64 -w0 < \"$t\"");
            if (r.exitCode() == 127) {
                throw new ModuleFailure(host + ": curl is not installed, so the host cannot fetch " + url
                        + "; install it first (apt: {name: curl}) or give the key inline with data");
            }
            if (r.exitCode() != 0) {
                throw HostCommand.failure(call.probe(), r, "download " + url,
                        "check the URL and that the host reaches it");
            }
            key = Base64.getDecoder().decode(r.stdout().strip());
        } else if (args.has("data")) {
            where = "the key in data";
            key = args.required("data").getBytes(StandardCharsets.UTF_8);
        } else {
            throw new ModuleFailure("apt_key needs url or data (the key) for state: present");
        }
        byte[] binary = ArmoredKey.dearmor(key, host + ": " + where);
        Ownership wanted = new Ownership(Optional.of(0644), Optional.of("root"), Optional.of("root"));
        Plan plan = ContentPlanner.plan(call, path, binary, wanted);
        return withFolder(plan, path);
    }

    /** Creates the keyring's folder (0755) before the file is written, when it is the usual one. */
    static Plan withFolder(Plan plan, String path) {
        if (!(plan instanceof Plan.Change c)) {
            return plan;
        }
        String folder = path.substring(0, Math.max(1, path.lastIndexOf('/')));
        return new Plan.Change(c.summary(), c.certain(), c.diff(), h -> {
            HostCommand.run(h, "mkdir -p -m 0755 -- " + ShellQuote.quote(folder), null, "create " + folder, "");
            return c.action().apply(h);
        });
    }
}
