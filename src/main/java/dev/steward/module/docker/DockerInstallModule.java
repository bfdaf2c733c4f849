package dev.steward.module.docker;

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
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker_install}: Docker Engine and Compose v2 from Docker's apt repository (its key under
 * {@code /etc/apt/keyrings} and a {@code signed-by} source entry) or from the distribution
 * ({@code source: distro}); options merged into {@code /etc/docker/daemon.json}; the engine enabled
 * and running. One probe answers every question; each step runs only when it is needed.
 */
public final class DockerInstallModule implements Module {

    static final List<String> DOCKER_PACKAGES = List.of("docker-ce", "docker-ce-cli", "containerd.io",
            "docker-buildx-plugin", "docker-compose-plugin");
    static final List<String> DISTRO_PACKAGES = List.of("docker.io", "docker-compose");
    static final String KEYRING = "/etc/apt/keyrings/docker.asc";
    static final String SOURCE_FILE = "/etc/apt/sources.list.d/docker.list";
    private static final String DAEMON_MARKER = "---daemon.json---";

    private static final ModuleSpec SPEC = new ModuleSpec(
            "Installs Docker Engine and Compose v2, writes daemon.json, keeps the engine enabled and running.",
            List.of(Param.optional("source", ParamType.STRING, "where the packages come from: 'docker' is Docker's "
                            + "official apt repository (docker-ce, containerd.io, the buildx and compose plugins; its key "
                            + "is fetched by the host with curl); 'distro' is the distribution's docker.io and "
                            + "docker-compose (Debian 13 ships Compose v2), for hosts that only reach a local mirror")
                            .choices("docker", "distro").withDefault("docker"),
                    Param.optional("daemon", ParamType.MAP, "options merged into /etc/docker/daemon.json over the "
                            + "defaults (log-driver json-file, log-opts max-size 10m and max-file 3, live-restore true: "
                            + "a daemon restart keeps the containers running); each top-level key replaces the "
                            + "file's; a change restarts docker (or reloads it when every changed option allows)")
                            .withDefault("{}")),
            Optional.empty(), List.of(), List.of())
            .withExample("""
                    - name: Docker Engine from Debian's packages, with debug logs
                      become: true
                      docker_install:
                        source: distro
                        daemon: {debug: true}""");

    @Override
    public String name() {
        return "docker_install";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    static String probeCommand(List<String> packages) {
        return ". /etc/os-release; echo \"os=$ID\"; echo \"codename=$VERSION_CODENAME\"; "
                + "echo \"arch=$(dpkg --print-architecture)\"; "
                + "dpkg-query -W -f='pkg=${Package} ${db:Status-Abbrev}\\n' " + String.join(" ", packages)
                + " 2>/dev/null; "
                + "echo \"enabled=$(systemctl is-enabled docker 2>/dev/null)\"; "
                + "echo \"active=$(systemctl is-active docker 2>/dev/null)\"; "
                + "command -v docker >/dev/null 2>&1 && echo cli=yes; "
                + "[ -s " + KEYRING + " ] && echo keyring=yes; "
                + "[ -f " + SOURCE_FILE + " ] && echo \"source=$(tr '\\n' ' ' < " + SOURCE_FILE + ")\"; "
                + "echo '" + DAEMON_MARKER + "'; cat " + DaemonConfig.PATH + " 2>/dev/null; true";
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        boolean official = call.args().string("source").orElse("docker").equals("docker");
        Map<String, Object> options = daemonOptions(call.args().raw("daemon"));
        List<String> all = new ArrayList<>(DOCKER_PACKAGES);
        all.addAll(DISTRO_PACKAGES);
        CommandResult r = call.probe().query(probeCommand(all));
        if (r.exitCode() != 0) {
            throw HostCommand.failure("cannot probe the host for Docker", probeCommand(all), r);
        }
        ProbeLines answer = ProbeLines.parse(r.stdout(), DAEMON_MARKER);
        List<String> installed = answer.all("pkg").stream().filter(l -> l.matches("\\S+ ii.*"))
                .map(l -> l.substring(0, l.indexOf(' '))).toList();
        List<String> wanted = official ? DOCKER_PACKAGES : DISTRO_PACKAGES;
        List<String> conflicting = (official ? DISTRO_PACKAGES : DOCKER_PACKAGES).stream()
                .filter(installed::contains).toList();
        // docker-ce-cli and docker.io both ship /usr/bin/docker: never install one over the other
        List<String> engines = official ? List.of("docker.io") : List.of("docker-ce", "docker-ce-cli");
        if (conflicting.stream().anyMatch(engines::contains)) {
            throw new ModuleFailure("this host has " + String.join(", ", conflicting) + " installed, from "
                    + (official ? "the distribution" : "Docker's repository") + ", and source is '"
                    + (official ? "docker" : "distro") + "': remove those packages first, or set source: "
                    + (official ? "distro" : "docker"));
        }
        List<String> missing = wanted.stream().filter(p -> !installed.contains(p)).toList();

        List<String> what = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (official) {
            String os = answer.get("os", "");
            if (!os.equals("debian") && !os.equals("ubuntu")) {
                throw new ModuleFailure("Docker's apt repository serves Debian and Ubuntu; this host is '" + os
                        + "': use source: distro");
            }
            String entry = "deb [arch=" + answer.get("arch", "amd64") + " signed-by=" + KEYRING
                    + "] https://download.docker.com/linux/" + os + " " + answer.get("codename", "") + " stable";
            boolean keyMissing = answer.get("keyring").isEmpty();
            boolean entryDiffers = !answer.get("source", "").strip().equals(entry);
            if (keyMissing || entryDiffers) {
                List<String> parts = new ArrayList<>();
                parts.add("set -e");
                if (keyMissing) {
                    what.add("fetch Docker's apt key to " + KEYRING);
                    parts.add("command -v curl >/dev/null || { echo 'curl is needed to fetch the key of the Docker "
                            + "repository: install it first' >&2; exit 1; }");
                    parts.add("install -m 0755 -d /etc/apt/keyrings");
                    parts.addAll(atomicWrite(KEYRING, "curl -fsSL --retry 3 "
                            + ShellQuote.quote("https://download.docker.com/linux/" + os + "/gpg") + " -o \"$t\""));
                }
                if (entryDiffers) {
                    what.add("write " + SOURCE_FILE);
                    parts.addAll(atomicWrite(SOURCE_FILE, "printf '%s\\n' " + ShellQuote.quote(entry) + " > \"$t\""));
                }
                String line = String.join("; ", parts);
                steps.add(host -> HostCommand.run(host, "set up Docker's apt repository", line));
            }
        }
        DaemonConfig daemon = DaemonConfig.of(answer.rest(), options);
        Optional<FileDiff> diff = Optional.empty();
        if (daemon.changes()) {
            what.add("write " + DaemonConfig.PATH + " (" + String.join(", ", daemon.changedKeys()) + ")");
            String text = daemon.text();
            String line = "set -e; mkdir -p /etc/docker; " + String.join("; ", atomicWrite(DaemonConfig.PATH,
                    "cat > \"$t\""));
            steps.add(host -> HostCommand.run(host, "write " + DaemonConfig.PATH, line,
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
            String before = answer.rest();
            diff = Optional.of(new FileDiff(DaemonConfig.PATH, () -> before, text));
        }
        // Debian 13 moved the docker command from docker.io into docker-cli, only recommended by it: on a
        // host that installs without recommends, docker.io alone leaves no `docker` to run.
        String cliIfMissing = official ? "" : " && { command -v docker >/dev/null || apt-get -q -y -o DPkg::Lock::Timeout=300"
                + " install docker-cli; }";
        boolean cliMissing = !official && missing.isEmpty() && answer.get("cli").isEmpty();
        if (!missing.isEmpty() || cliMissing) {
            String packages = cliMissing ? "docker-cli" : String.join(" ", missing);
            what.add("install " + packages);
            String line = "export DEBIAN_FRONTEND=noninteractive; apt-get -q update && apt-get -q -y "
                    + "-o DPkg::Lock::Timeout=300 install " + packages + (cliMissing ? "" : cliIfMissing);
            steps.add(host -> HostCommand.run(host, "install " + packages, line));
        }
        boolean active = answer.get("active", "").equals("active");
        boolean enabled = answer.get("enabled", "").equals("enabled");
        List<String> service = new ArrayList<>();
        if (!enabled || !active || !missing.isEmpty()) {
            service.add("systemctl enable --now docker");
            if (!enabled || !active) {
                what.add(!enabled && !active ? "enable and start docker" : !enabled ? "enable docker" : "start docker");
            }
        }
        if (daemon.changes() && active) {
            String verb = daemon.reloadable() ? "reload" : "restart";
            service.add("systemctl " + verb + " docker");
            what.add(verb + " docker");
        }
        if (!service.isEmpty()) {
            String line = String.join(" && ", service);
            steps.add(host -> HostCommand.run(host, "start docker (journalctl -u docker tells why)", line));
        }
        Result done = Result.ok("").with("source", official ? "docker" : "distro").with("packages", wanted);
        if (steps.isEmpty()) {
            return new Plan.Unchanged(new Result(false, "Docker is installed and running", done.data()));
        }
        String summary = String.join(", ", what);
        return new Plan.Change(summary, true, diff, host -> {
            for (Step s : steps) {
                s.run(host);
            }
            return new Result(true, summary, done.with("installed", missing).data());
        });
    }

    /** The commands that produce a file at {@code dest} through a temporary file in its folder, then rename it. */
    private static List<String> atomicWrite(String dest, String produce) {
        String folder = dest.substring(0, dest.lastIndexOf('/'));
        return List.of("t=$(mktemp " + folder + "/.steward.XXXXXX)", "trap 'rm -f -- \"$t\"' EXIT", produce,
                "chmod 0644 -- \"$t\"", "mv -f -- \"$t\" " + dest, "trap - EXIT");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> daemonOptions(Object raw) throws ModuleFailure {
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> m)) {
            throw new ModuleFailure("'daemon' of docker_install must be a map of daemon.json options");
        }
        return new LinkedHashMap<>((Map<String, Object>) m);
    }

    @FunctionalInterface
    private interface Step {
        void run(dev.steward.remote.Apply host)
                throws ModuleFailure, TransportException, BecomeException, InterruptedException;
    }
}
