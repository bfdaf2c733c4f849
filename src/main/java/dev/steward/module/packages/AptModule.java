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
import dev.steward.module.system.HostCommand;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code apt}: packages present, absent or at their candidate version; the cache updated when
 * asked (and older than {@code cache_valid_time}); a {@code .deb} on the host installed. One probe
 * answers for every name ({@code dpkg-query}, plus {@code apt-cache policy} for {@code latest}).
 * Every apt-get waits for the dpkg lock up to {@code lock_timeout} and names its holder otherwise.
 */
public final class AptModule implements Module {

    static final long DEFAULT_LOCK_TIMEOUT = 300;

    private static final ModuleSpec SPEC = new ModuleSpec(
            "Installs, upgrades or removes Debian packages with apt-get; updates the cache.",
            List.of(Param.optional("name", ParamType.ANY, "a package name, or a list of them").aliases("pkg", "package"),
                    Param.optional("state", ParamType.STRING, "present (default), absent, or latest (the candidate "
                            + "version of apt-cache policy)").choices("present", "absent", "latest"),
                    Param.optional("update_cache", ParamType.BOOL, "run apt-get update first (a change when it runs; "
                            + "give cache_valid_time to skip a fresh cache)"),
                    Param.optional("cache_valid_time", ParamType.INT, "seconds: the cache is updated only when older"),
                    Param.optional("deb", ParamType.PATH, "the path of a .deb file on the host to install"),
                    Param.optional("purge", ParamType.BOOL, "with state: absent, remove configuration files too"),
                    Param.optional("install_recommends", ParamType.BOOL,
                            "install recommended packages too (default: apt's setting)"),
                    Param.optional("lock_timeout", ParamType.INT,
                            "seconds to wait for the dpkg lock held by another process (default 300)")),
            Optional.empty(), List.of(), List.of(List.of("name", "deb", "update_cache")));

    @Override
    public String name() {
        return "apt";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String host = call.probe().host();
        List<String> names = names(args);
        String state = args.string("state").orElse("present");
        long lockTimeout = args.integer("lock_timeout").orElse(DEFAULT_LOCK_TIMEOUT);
        if (lockTimeout < 0) {
            throw new ModuleFailure("lock_timeout of apt must be 0 or more seconds");
        }
        Optional<String> deb = args.string("deb");
        if (deb.isPresent() && state.equals("absent")) {
            throw new ModuleFailure("apt: deb installs a file; to remove its package write name: and state: absent");
        }
        boolean updateCache = args.bool("update_cache").orElse(false);
        Optional<Long> validFor = args.integer("cache_valid_time");

        StringBuilder script = new StringBuilder();
        if (deb.isPresent()) {
            String d = ShellQuote.quote(deb.get());
            script.append("[ -f ").append(d).append(" ] || { echo 'no such file' >&2; exit 3; }; ")
                    .append("echo \"deb=$(dpkg-deb -f ").append(d).append(" Package) $(dpkg-deb -f ").append(d)
                    .append(" Version)\"; dpkg-query -W -f='${Package}\\t${db:Status-Abbrev}\\t${Version}\\n' -- "
                            + "\"$(dpkg-deb -f ").append(d).append(" Package)\" 2>/dev/null; ");
        }
        String quotedNames = names.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
        if (!names.isEmpty()) {
            script.append("dpkg-query -W -f='${Package}\\t${db:Status-Abbrev}\\t${Version}\\n' -- ")
                    .append(quotedNames).append(" 2>/dev/null; ");
            if (state.equals("latest")) {
                script.append("echo '##policy'; LC_ALL=C apt-cache policy -- ").append(quotedNames)
                        .append(" 2>/dev/null; ");
            }
        }
        if (updateCache) {
            script.append("echo \"##now=$(date +%s)\"; echo \"##cache=$(stat -c %Y ").append(AptRun.STAMP)
                    .append(" /var/lib/apt/lists/partial 2>/dev/null | sort -n | tail -n 1)\"; ")
                    .append("echo \"##lists=$(ls /var/lib/apt/lists 2>/dev/null | grep -c '_Packages$')\"; ");
        }
        script.append("true");
        CommandResult r = call.probe().query(script.toString());
        if (r.exitCode() == 3) {
            throw new ModuleFailure(host + ": the .deb file " + deb.get() + " does not exist on the host; "
                    + "copy it there first (copy or get_url)");
        }
        if (r.exitCode() != 0) {
            throw HostCommand.failure(call.probe(), r, "ask dpkg which packages are installed", "");
        }
        Probed probed = Probed.parse(r.stdout());

        List<String> steps = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        boolean update = false;
        if (updateCache) {
            long age = probed.now - probed.cacheTime;
            update = probed.lists == 0 || probed.cacheTime == 0 || validFor.isEmpty() || age >= validFor.get();
            if (update) {
                steps.add("update the apt cache" + (probed.cacheTime == 0 || probed.lists == 0 ? " (empty)"
                        : validFor.isPresent() ? " (" + age + " s old)" : ""));
            }
        }
        data.put("cache_updated", update);
        String recommends = args.bool("install_recommends")
                .map(b -> b ? "--install-recommends " : "--no-install-recommends ").orElse("");
        List<String> install = new ArrayList<>();
        List<String> upgrade = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (String name : names) {
            String pkg = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
            Optional<String> installed = probed.installedVersion(pkg);
            switch (state) {
                case "absent" -> installed.ifPresent(v -> remove.add(name));
                case "latest" -> {
                    if (installed.isEmpty()) {
                        install.add(name);
                    } else {
                        String candidate = probed.candidates.getOrDefault(pkg, "(none)");
                        if (!candidate.equals("(none)") && !candidate.equals(installed.get())) {
                            upgrade.add(name + " " + installed.get() + " → " + candidate);
                            install.add(name);
                        }
                    }
                }
                default -> {
                    if (installed.isEmpty()) {
                        install.add(name);
                    }
                }
            }
        }
        if (deb.isPresent()) {
            String wanted = probed.deb.orElseThrow(() -> new ModuleFailure(host + ": " + deb.get()
                    + " is not a readable .deb (dpkg-deb found no Package field)"));
            String[] pv = wanted.split(" ", 2);
            Optional<String> installed = probed.installedVersion(pv[0]);
            if (installed.isEmpty() || !installed.get().equals(pv.length > 1 ? pv[1] : "")) {
                steps.add("install " + pv[0] + " " + (pv.length > 1 ? pv[1] : "") + " from " + deb.get());
                commands.add(AptRun.getCommand(lockTimeout, "install " + recommends + "-- "
                        + ShellQuote.quote(deb.get().contains("/") ? deb.get() : "./" + deb.get())));
                data.put("deb", pv[0]);
            }
        }
        if (!install.isEmpty()) {
            steps.add((upgrade.isEmpty() ? "install " : "install/upgrade ") + String.join(", ", install));
            commands.add(AptRun.getCommand(lockTimeout, "install " + recommends + "-- "
                    + install.stream().map(ShellQuote::quote).collect(Collectors.joining(" "))));
        }
        if (!remove.isEmpty()) {
            boolean purge = args.bool("purge").orElse(false);
            steps.add((purge ? "purge " : "remove ") + String.join(", ", remove));
            commands.add(AptRun.getCommand(lockTimeout, (purge ? "purge" : "remove") + " -- "
                    + remove.stream().map(ShellQuote::quote).collect(Collectors.joining(" "))));
        }
        data.put("installed", install.stream().filter(n -> upgrade.stream().noneMatch(u -> u.startsWith(n + " "))).toList());
        data.put("upgraded", upgrade);
        data.put("removed", remove);
        if (steps.isEmpty()) {
            String what = names.isEmpty() ? (deb.isPresent() ? deb.get() + " is installed" : "the apt cache is fresh")
                    : String.join(", ", names) + (state.equals("absent") ? " absent" : " " + state);
            return new Plan.Unchanged(new Result(false, what, data));
        }
        String summary = String.join(", then ", steps);
        boolean doUpdate = update;
        return new Plan.Change(summary, true, Optional.empty(), h -> {
            if (doUpdate) {
                AptRun.update(h, lockTimeout);
            }
            for (String command : commands) {
                AptRun.run(h, command, lockTimeout, summary,
                        "if apt cannot locate a package, add update_cache: true or its repository (apt_repository)");
            }
            return new Result(true, summary, data);
        });
    }

    private static List<String> names(Args args) throws ModuleFailure {
        Object raw = args.raw("name");
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        if (raw instanceof List<?> list) {
            list.forEach(o -> out.add(String.valueOf(o).strip()));
        } else {
            for (String s : String.valueOf(raw).split(",")) {
                out.add(s.strip());
            }
        }
        for (String n : out) {
            if (!n.matches("[a-z0-9][a-z0-9+.\\-]*(:[a-z0-9]+)?")) {
                throw new ModuleFailure("apt: '" + n + "' is not a Debian package name (lower case letters, digits, "
                        + "+ - . and an optional :arch)");
            }
        }
        return out;
    }

    /** What the one probe said. */
    private static final class Probed {
        final Map<String, String[]> status = new LinkedHashMap<>();
        final Map<String, String> candidates = new LinkedHashMap<>();
        Optional<String> deb = Optional.empty();
        long now;
        long cacheTime;
        long lists;

        Optional<String> installedVersion(String pkg) {
            String[] s = status.get(pkg);
            // db:Status-Abbrev: wanted, status, error; the package is installed when the status is 'i'
            return s != null && s[0].length() >= 2 && s[0].charAt(1) == 'i' ? Optional.of(s[1]) : Optional.empty();
        }

        static Probed parse(String stdout) {
            Probed p = new Probed();
            boolean policy = false;
            String current = null;
            for (String line : stdout.split("\n")) {
                if (line.startsWith("##policy")) {
                    policy = true;
                } else if (line.startsWith("##now=")) {
                    p.now = number(line.substring(6));
                } else if (line.startsWith("##cache=")) {
                    p.cacheTime = number(line.substring(8));
                } else if (line.startsWith("##lists=")) {
                    p.lists = number(line.substring(8));
                } else if (line.startsWith("deb=")) {
                    String v = line.substring(4).strip();
                    p.deb = v.isEmpty() ? Optional.empty() : Optional.of(v);
                } else if (policy) {
                    if (!line.startsWith(" ") && line.endsWith(":")) {
                        current = line.substring(0, line.length() - 1);
                        int colon = current.indexOf(':');
                        current = colon > 0 ? current.substring(0, colon) : current;
                    } else if (current != null && line.strip().startsWith("Candidate:")) {
                        p.candidates.put(current, line.strip().substring("Candidate:".length()).strip());
                    }
                } else {
                    String[] f = line.split("\t", -1);
                    if (f.length == 3) {
                        p.status.put(f[0], new String[] {f[1], f[2]});
                    }
                }
            }
            return p;
        }

        private static long number(String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
