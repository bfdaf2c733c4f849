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
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code apt_repository}, the modern way: one file per repository under
 * {@code /etc/apt/sources.list.d}, either a deb822 {@code .sources} stanza ({@code uris},
 * {@code suites}, {@code components}) or a one-line {@code .list} entry ({@code repo}), each with
 * {@code signed-by} naming the repository's own keyring. Changed only when the file's content
 * changes; the apt cache is updated after a change.
 */
public final class AptRepositoryModule implements Module {

    static final String SOURCES = "/etc/apt/sources.list.d";

    private static final ModuleSpec SPEC = new ModuleSpec(
            "Writes an apt source entry with signed-by under /etc/apt/sources.list.d (deb822 or one line).",
            List.of(Param.optional("repo", ParamType.STRING,
                            "a one-line entry: 'deb [arch=amd64] https://host/path suite component…' (written to NAME.list)"),
                    Param.optional("uris", ParamType.ANY, "deb822: the repository's URL (or a list of them)"),
                    Param.optional("suites", ParamType.ANY, "deb822: suite(s), e.g. trixie"),
                    Param.optional("components", ParamType.ANY, "deb822: component(s), e.g. main (default: none, "
                            + "for a flat repository write suites: ./)"),
                    Param.optional("types", ParamType.ANY, "deb822: deb (default) and/or deb-src"),
                    Param.optional("architectures", ParamType.ANY, "deb822: limit to these architectures"),
                    Param.optional("signed_by", ParamType.STRING, "the keyring: a path, or the name given to apt_key "
                            + "(/etc/apt/keyrings/NAME.gpg)"),
                    Param.optional("filename", ParamType.STRING,
                            "the file's name without extension (default: from the repository's host name)"),
                    Param.optional("state", ParamType.STRING, "present (default) or absent").choices("present", "absent"),
                    Param.optional("update_cache", ParamType.BOOL, "run apt-get update after a change (default true)"),
                    Param.optional("lock_timeout", ParamType.INT, "seconds to wait for the dpkg lock (default 300)")),
            Optional.empty(), List.of(List.of("repo", "uris")), List.of(List.of("repo", "uris")));

    @Override
    public String name() {
        return "apt_repository";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        boolean oneLine = args.has("repo");
        Optional<String> signedBy = args.string("signed_by").map(AptRepositoryModule::keyring);
        String content;
        String firstUri;
        if (oneLine) {
            String repo = args.required("repo").strip().replaceAll("\\s+", " ");
            String[] words = repo.split(" ");
            if (words.length < 3 || !(words[0].equals("deb") || words[0].equals("deb-src"))) {
                throw new ModuleFailure("apt_repository: repo must look like 'deb https://host/path suite component…', "
                        + "not '" + repo + "'");
            }
            int uriAt = words[1].startsWith("[") ? indexAfterOptions(words) : 1;
            if (uriAt >= words.length) {
                throw new ModuleFailure("apt_repository: repo has an unclosed [options] part: '" + repo + "'");
            }
            firstUri = words[uriAt];
            if (signedBy.isPresent() && !repo.contains("signed-by=")) {
                String option = "signed-by=" + signedBy.get();
                repo = uriAt == 1 ? words[0] + " [" + option + "] " + repo.substring(words[0].length() + 1)
                        : repo.replaceFirst("\\[", "[" + option.replace("$", "\\$") + " ");
            }
            content = repo + "\n";
        } else {
            List<String> uris = list(args, "uris");
            List<String> suites = list(args, "suites");
            if (uris.isEmpty() || suites.isEmpty()) {
                throw new ModuleFailure("apt_repository: a deb822 entry needs uris and suites");
            }
            firstUri = uris.get(0);
            StringBuilder b = new StringBuilder();
            List<String> types = list(args, "types");
            b.append("Types: ").append(types.isEmpty() ? "deb" : String.join(" ", types)).append('\n');
            b.append("URIs: ").append(String.join(" ", uris)).append('\n');
            b.append("Suites: ").append(String.join(" ", suites)).append('\n');
            List<String> components = list(args, "components");
            if (!components.isEmpty()) {
                b.append("Components: ").append(String.join(" ", components)).append('\n');
            }
            List<String> arch = list(args, "architectures");
            if (!arch.isEmpty()) {
                b.append("Architectures: ").append(String.join(" ", arch)).append('\n');
            }
            signedBy.ifPresent(k -> b.append("Signed-By: ").append(k).append('\n'));
            content = b.toString();
        }
        String path = SOURCES + "/" + fileName(args, firstUri) + (oneLine ? ".list" : ".sources");
        long lockTimeout = args.integer("lock_timeout").orElse(AptModule.DEFAULT_LOCK_TIMEOUT);
        boolean update = args.bool("update_cache").orElse(true);
        if (args.string("state").orElse("present").equals("absent")) {
            FileState now = FileState.probe(call.probe(), path);
            if (!now.exists()) {
                return Plan.unchanged(path + " is absent");
            }
            String what = "remove " + path + (update ? ", then update the apt cache" : "");
            return new Plan.Change(what, true, Optional.empty(), h -> {
                HostCommand.run(h, "rm -f -- " + ShellQuote.quote(path), null, "remove " + path, "");
                if (update) {
                    AptRun.update(h, lockTimeout);
                }
                return Result.changed(what).with("dest", path);
            });
        }
        Plan plan = ContentPlanner.plan(call, path, content.getBytes(StandardCharsets.UTF_8),
                new Ownership(Optional.of(0644), Optional.empty(), Optional.empty()));
        if (!(plan instanceof Plan.Change c) || !update) {
            return plan;
        }
        String what = c.summary() + ", then update the apt cache";
        return new Plan.Change(what, true, c.diff(), h -> {
            Result written = c.action().apply(h);
            AptRun.update(h, lockTimeout);
            return new Result(true, what, written.data()).with("cache_updated", true);
        });
    }

    /** A keyring named as apt_key names it, or a path as is. */
    private static String keyring(String value) {
        return value.contains("/") ? value
                : AptKeyModule.KEYRINGS + "/" + (value.endsWith(".gpg") || value.endsWith(".asc") ? value : value + ".gpg");
    }

    private static int indexAfterOptions(String[] words) {
        for (int i = 1; i < words.length; i++) {
            if (words[i].endsWith("]")) {
                return i + 1;
            }
        }
        return words.length;
    }

    private static String fileName(Args args, String uri) throws ModuleFailure {
        if (args.has("filename")) {
            String name = args.required("filename").replaceAll("\\.(list|sources)$", "");
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new ModuleFailure("apt_repository: filename '" + name + "' may hold only letters, digits, _ . -"
                        + " (apt ignores other files)");
            }
            return name;
        }
        try {
            String host = URI.create(uri).getHost();
            if (host != null) {
                return host.replaceAll("[^A-Za-z0-9_.-]", "_").replace('.', '_');
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw new ModuleFailure("apt_repository: cannot make a file name from '" + uri + "'; give filename");
    }

    private static List<String> list(Args args, String name) {
        Object raw = args.raw(name);
        List<String> out = new ArrayList<>();
        if (raw instanceof List<?> l) {
            l.forEach(o -> out.add(String.valueOf(o).strip()));
        } else if (raw != null) {
            for (String s : String.valueOf(raw).strip().split("\\s+")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
