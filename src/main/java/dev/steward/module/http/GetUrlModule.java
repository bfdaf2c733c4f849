package dev.steward.module.http;

import dev.steward.module.Args;
import dev.steward.module.Module;
import dev.steward.module.ModuleCall;
import dev.steward.module.ModuleFailure;
import dev.steward.module.ModuleSpec;
import dev.steward.module.Param;
import dev.steward.module.ParamType;
import dev.steward.module.Plan;
import dev.steward.module.Result;
import dev.steward.module.files.FileState;
import dev.steward.module.files.Ownership;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code get_url}: the host downloads a URL with curl into a temporary file in the target folder,
 * checks its SHA-256 when {@code checksum} is given, and renames it into place. With a checksum
 * that the file already has, nothing is downloaded; without one, an existing file is kept unless
 * {@code force: true} (then it is replaced only when the download differs).
 */
public final class GetUrlModule implements Module {

    private static final int NEW_FILE_MODE = 0644;
    private static final ModuleSpec SPEC;

    static {
        List<Param> params = new ArrayList<>();
        params.add(Param.required("url", ParamType.STRING, "http, https or ftp URL (sent on curl's stdin)")
                .format("(?:https?|ftp)://\\S+", "an http://, https:// or ftp:// URL"));
        params.add(Param.required("dest", ParamType.PATH,
                "the file on the host; a folder means the URL's last path segment in it"));
        params.add(Param.optional("checksum", ParamType.STRING,
                "sha256:HEX; the download must have it, and a file that has it already is kept")
                .format("\\s*[sS][hH][aA]256:[0-9a-fA-F]{64}\\s*", "sha256:<64 hex digits> (the only algorithm supported)"));
        params.add(Param.optional("force", ParamType.BOOL,
                "without checksum: download even when dest exists, replacing it when different (default false)"));
        params.addAll(CurlConfig.PARAMS);
        params.addAll(Ownership.PARAMS);
        SPEC = new ModuleSpec("Downloads a file on the host, verified and atomic.", params, Optional.empty(),
                List.of(), List.of());
    }

    @Override
    public String name() {
        return "get_url";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String url = args.required("url");
        Optional<String> checksum = checksum(args);
        boolean force = args.bool("force").orElse(false);
        Ownership wanted = Ownership.of(args);
        CurlConfig config = CurlConfig.of(args, url);
        String flags = CurlConfig.flags(args, 10);
        String dest = args.required("dest");
        FileState state = FileState.probe(call.probe(), dest);
        if (state.type() == FileState.Type.DIRECTORY) {
            dest = dest.replaceAll("/+$", "") + "/" + fileName(url);
            state = FileState.probe(call.probe(), dest);
        }
        if (state.exists() && state.type() != FileState.Type.FILE) {
            throw new ModuleFailure("dest " + dest + " is a " + state.type().name().toLowerCase() + ", not a file",
                    Map.of("dest", dest));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dest", dest);
        data.put("url", redacted(url));
        boolean keep = state.exists() && (checksum.isPresent() ? checksum.get().equals(state.sha256()) : !force);
        if (keep) {
            data.put("checksum_dest", state.sha256());
            List<String> ownership = wanted.differences(state);
            if (ownership.isEmpty()) {
                return new Plan.Unchanged(new Result(false, checksum.isPresent() ? "the file has the checksum; not downloaded"
                        : "the file exists; not downloaded (force: true downloads it)", data));
            }
            String line = wanted.applyTo(ShellQuote.quote(dest));
            String target = dest;
            return new Plan.Change("set " + String.join(", ", ownership) + " of " + dest, true, Optional.empty(),
                    host -> {
                        CommandResult r = host.run(line);
                        if (r.exitCode() != 0) {
                            throw new ModuleFailure("cannot set " + String.join(", ", ownership) + " of " + target
                                    + ": " + r.stderr().strip(), Map.of("rc", (long) r.exitCode(), "stderr", r.stderr()));
                        }
                        return new Result(true, String.join(", ", ownership), data);
                    });
        }
        String q = ShellQuote.quote(dest);
        String folder = dest.contains("/") ? dest.substring(0, Math.max(1, dest.lastIndexOf('/'))) : ".";
        List<String> steps = new ArrayList<>();
        steps.add("set -e");
        steps.add("[ -d " + ShellQuote.quote(folder) + " ] || { echo 'the folder of " + dest.replace("'", "")
                + " does not exist; create it first with a file task (state: directory)' >&2; exit 1; }");
        steps.add("t=$(mktemp " + ShellQuote.quote(folder + "/.steward.XXXXXX") + ")");
        steps.add("trap 'rm -f -- \"$t\"' EXIT");
        steps.add("curl " + flags + " --fail --location -K - -o \"$t\"");
        steps.add("s=$(sha256sum < \"$t\")");
        steps.add("s=${s%% *}");
        checksum.ifPresent(c -> steps.add("[ \"$s\" = " + c + " ] || { echo \"checksum mismatch: expected sha256:" + c
                + ", downloaded sha256:$s\" >&2; exit 1; }"));
        steps.add("echo \"sha256=$s\"");
        if (state.exists()) {
            steps.add("if [ \"$(sha256sum < " + q + " | cut -d' ' -f1)\" = \"$s\" ]; then echo same; exit 0; fi");
        }
        steps.addAll(wanted.forReplacement(state, NEW_FILE_MODE).commands("\"$t\""));
        steps.add("mv -f -- \"$t\" " + q);
        steps.add("trap - EXIT");
        String script = String.join("; ", steps);
        String target = dest;
        String what = (state.exists() ? "download " + redacted(url) + " over " : "download " + redacted(url) + " to ")
                + dest;
        boolean certain = !state.exists() || checksum.isPresent();
        return new Plan.Change(what, certain, Optional.empty(), host -> {
            CommandResult r = host.run(script, config.stdin());
            if (r.exitCode() != 0) {
                throw new ModuleFailure("cannot download " + redacted(url) + " to " + target + ": " + r.stderr().strip(),
                        Map.of("rc", (long) r.exitCode(), "stderr", r.stderr()));
            }
            Map<String, Object> out = new LinkedHashMap<>(data);
            r.stdout().lines().filter(l -> l.startsWith("sha256=")).findFirst()
                    .ifPresent(l -> out.put("checksum_dest", l.substring(7)));
            boolean same = r.stdout().lines().anyMatch("same"::equals);
            return new Result(!same, same ? "downloaded; the same as the file there" : what, out);
        });
    }

    private static Optional<String> checksum(Args args) throws ModuleFailure {
        Optional<String> given = args.string("checksum");
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String c = given.get().strip();
        int colon = c.indexOf(':');
        if (colon < 0 || !c.substring(0, colon).equalsIgnoreCase("sha256")) {
            throw new ModuleFailure("checksum must be sha256:HEX (the only algorithm supported), not '" + c + "'");
        }
        String hex = c.substring(colon + 1).toLowerCase();
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new ModuleFailure("checksum: '" + hex + "' is not 64 hexadecimal digits");
        }
        return Optional.of(hex);
    }

    private static String fileName(String url) throws ModuleFailure {
        String path;
        try {
            path = Optional.ofNullable(URI.create(url).getPath()).orElse("");
        } catch (IllegalArgumentException e) {
            throw new ModuleFailure("'" + redacted(url) + "' is not a valid URL: " + e.getMessage());
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            throw new ModuleFailure("dest is a folder and the URL names no file; give dest a file name");
        }
        return name;
    }

    /** The URL without a password in it ({@code https://user:secret@host} → {@code https://user:***@host}). */
    static String redacted(String url) {
        return url.replaceAll("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/:@]*):[^/@]*@", "$1:***@");
    }
}
