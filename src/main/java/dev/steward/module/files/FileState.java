package dev.steward.module.files;

import dev.steward.module.ModuleFailure;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.Probe;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a path is on the host, learned in one round trip: its type, mode, owner, group, a link's
 * target, a file's SHA-256, and whether its folder exists.
 */
public record FileState(String path, Type type, int mode, String owner, String group, String linkTarget, String sha256,
        boolean parentExists) {

    public enum Type { ABSENT, FILE, DIRECTORY, LINK, OTHER }

    public boolean exists() {
        return type != Type.ABSENT;
    }

    public static FileState probe(Probe probe, String path)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        return parse(path, answer(probe, path, ""));
    }

    /**
     * The same question, with the file's content too (base64, on one line), in the same round trip:
     * what a module that edits the file ({@code lineinfile}) needs to plan.
     */
    static FileText probeWithContent(Probe probe, String path)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Map<String, String> kv = answer(probe, path,
                "; if [ \"$t\" = file ]; then printf 'content='; base64 -w0 < \"$p\"; echo; fi");
        byte[] content = java.util.Base64.getDecoder().decode(kv.getOrDefault("content", ""));
        return new FileText(parse(path, kv), content);
    }

    private static Map<String, String> answer(Probe probe, String path, String more)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        String p = ShellQuote.quote(path);
        String script = "p=" + p + "; "
                + "if [ -L \"$p\" ]; then t=link; elif [ -d \"$p\" ]; then t=directory; elif [ -f \"$p\" ]; then t=file; "
                + "elif [ -e \"$p\" ]; then t=other; else t=absent; fi; echo \"type=$t\"; "
                + "if [ \"$t\" != absent ]; then stat --printf 'mode=%a\\nowner=%U\\ngroup=%G\\n' -- \"$p\"; fi; "
                + "if [ \"$t\" = link ]; then echo \"target=$(readlink -- \"$p\")\"; fi; "
                + "if [ \"$t\" = file ]; then echo \"sha256=$(sha256sum < \"$p\" | cut -d' ' -f1)\"; fi; "
                + "if [ -d \"$(dirname -- \"$p\")\" ]; then echo parent=yes; fi" + more;
        CommandResult r = probe.query(script);
        if (r.exitCode() != 0) {
            throw new ModuleFailure("cannot inspect " + path + ": " + r.stderr().strip(),
                    Map.of("rc", (long) r.exitCode(), "stderr", r.stderr()));
        }
        Map<String, String> kv = new HashMap<>();
        for (String line : r.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (r.truncated()) {
            throw new ModuleFailure(path + " is too large to edit here (over "
                    + dev.steward.remote.CommandRunner.OUTPUT_LIMIT / (1024 * 1024) + " MB as base64)", Map.of("path", path));
        }
        return kv;
    }

    private static FileState parse(String path, Map<String, String> kv) {
        Type type = Type.valueOf(kv.getOrDefault("type", "absent").toUpperCase());
        int mode = Optional.ofNullable(kv.get("mode")).map(m -> Integer.parseInt(m, 8)).orElse(-1);
        return new FileState(path, type, mode, kv.getOrDefault("owner", ""), kv.getOrDefault("group", ""),
                kv.getOrDefault("target", ""), kv.getOrDefault("sha256", ""), kv.containsKey("parent"));
    }
}
