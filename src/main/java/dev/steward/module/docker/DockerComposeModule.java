package dev.steward.module.docker;

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
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code docker_compose}: a Compose v2 project in a folder on the host. "Changed" means containers
 * were really created, replaced, started or removed: their IDs are compared before and after
 * {@code docker compose up -d --remove-orphans}, never what compose printed. It never waits for
 * "healthy" (a Chainlink standby is unhealthy by design). It plans from
 * {@code docker compose --dry-run up}: a project that is already up is not touched at all.
 */
public final class DockerComposeModule implements Module {

    private static final String DRY_RUN_MARKER = "---dry-run---";

    private static final ModuleSpec SPEC = new ModuleSpec(
            "Brings a Docker Compose v2 project up, down or restarts it; changed only when containers really change.",
            List.of(Param.required("project_src", ParamType.PATH, "the folder on the host with the project's "
                            + "docker-compose.yml (or compose.yaml)").aliases("project_dir"),
                    Param.optional("state", ParamType.STRING, "present: up -d --remove-orphans (never waits for "
                            + "healthy); absent: down (or stop and remove the given services); restarted: up, "
                            + "then restart").choices("present", "absent", "restarted").withDefault("present"),
                    Param.optional("pull", ParamType.STRING, "when to pull images: never, missing (the host has "
                            + "no image of that name) or always").choices("never", "missing", "always")
                            .withDefault("missing"),
                    Param.optional("services", ParamType.LIST, "only these services (default: all of the project)")),
            Optional.empty(), List.of(), List.of())
            .withExample("""
                    - name: The node, from its compose file
                      become: true
                      docker_compose:
                        project_src: /opt/chainlink
                        pull: never""");

    @Override
    public String name() {
        return "docker_compose";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    /** Fails when the host has no Compose v2: the one line every command starts with. */
    static final String REQUIRE_V2 = "docker compose version >/dev/null 2>&1 || { echo 'docker compose (Compose v2) "
            + "is not available on this host: install it first (docker_install)' >&2; exit 1; }";

    static String probeCommand(String dir, String services, String upOptions, boolean dryRun) {
        return "command -v docker >/dev/null || { echo compose=none; exit 0; }; "
                + "if docker compose version >/dev/null 2>&1; then echo \"compose=$(docker compose version --short)\"; "
                + "elif command -v docker-compose >/dev/null; then echo \"compose=v1 $(docker-compose version --short "
                + "2>/dev/null)\"; exit 0; else echo compose=none; exit 0; fi; "
                + "cd " + ShellQuote.quote(dir) + " 2>/dev/null || { echo dir=missing; exit 0; }; "
                + "ids=$(docker compose ps -a -q" + services + ") || exit 3; "
                + "[ -z \"$ids\" ] || docker inspect --format '" + ComposeContainers.INSPECT_FORMAT + "' $ids || exit 3"
                + (dryRun ? "; out=$(docker compose --dry-run up -d --remove-orphans" + upOptions + services
                        + " 2>&1); echo \"dry_rc=$?\"; echo '" + DRY_RUN_MARKER + "'; printf '%s\\n' \"$out\"" : "");
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String dir = args.required("project_src");
        String state = args.string("state").orElse("present");
        String pull = args.string("pull").orElse("missing");
        List<String> serviceList = args.stringList("services").orElse(List.of());
        String services = serviceList.stream().map(s -> " " + ShellQuote.quote(s)).collect(Collectors.joining());
        String upOptions = " --pull " + pull;
        String cd = "cd " + ShellQuote.quote(dir);
        String probe = probeCommand(dir, services, upOptions, state.equals("present"));
        CommandResult r = call.probe().query(probe);
        if (r.exitCode() != 0) {
            throw HostCommand.failure("docker compose cannot read the project in " + dir, probe, r);
        }
        ProbeLines answer = ProbeLines.parse(r.stdout(), DRY_RUN_MARKER);
        String compose = answer.get("compose", "none");
        if (compose.startsWith("v1")) {
            throw new ModuleFailure("this host has only docker-compose v1 (" + compose.substring(2).strip()
                    + "); docker_compose needs Compose v2 ('docker compose'): install the compose plugin "
                    + "(docker_install: docker-compose-plugin from Docker's repository, or Debian 13's docker-compose)");
        }
        String up = "docker compose up -d --remove-orphans" + upOptions + services;
        String after = " && echo '---after---' && ids=$(docker compose ps -a -q" + services + ") && { [ -z \"$ids\" ] "
                + "|| docker inspect --format '" + ComposeContainers.INSPECT_FORMAT + "' $ids; }";
        boolean notYet = compose.equals("none") || answer.get("dir").isPresent();
        String notYetWhy = compose.equals("none") ? " (Docker Compose is not installed yet)"
                : " (" + dir + " does not exist yet)";
        ComposeContainers before = ComposeContainers.parse(answer.all("container"));
        Result done = Result.ok("").with("project_src", dir);

        switch (state) {
            case "absent" -> {
                if (notYet) {
                    return new Plan.Unchanged(Result.ok("no project to bring down" + notYetWhy));
                }
                if (before.isEmpty()) {
                    return new Plan.Unchanged(new Result(false, "no containers", done.data()));
                }
                String down = serviceList.isEmpty() ? "docker compose down --remove-orphans"
                        : "docker compose rm -s -f" + services;
                String line = cd + " && " + down;
                String names = String.join(", ", before.byName().keySet());
                return new Plan.Change("remove " + names, true, Optional.empty(), host -> {
                    HostCommand.run(host, "bring down the project in " + dir, line);
                    return new Result(true, "removed " + names, done.data());
                });
            }
            case "restarted" -> {
                String line = REQUIRE_V2 + "; " + cd + " && " + up + " && docker compose restart" + services;
                return new Plan.Change("restart the project in " + dir + (notYet ? notYetWhy : ""), !notYet,
                        Optional.empty(), host -> {
                            HostCommand.run(host, "restart the project in " + dir, line);
                            return new Result(true, "restarted", done.data());
                        });
            }
            default -> {
                String line = REQUIRE_V2 + "; " + cd + " && " + up + after;
                String what;
                boolean certain;
                if (notYet) {
                    what = "bring up the project in " + dir + notYetWhy;
                    certain = false;
                } else {
                    DryRun dry = DryRun.of(answer.get("dry_rc", "1"), answer.rest());
                    if (dry.upToDate()) {
                        return new Plan.Unchanged(new Result(false, "up to date", done.data()));
                    }
                    certain = dry.supported() && dry.ok();
                    what = "docker compose up in " + dir + (certain ? ": " + String.join(", ", dry.changes())
                            : dry.supported() ? " (its dry run failed: " + dry.lastLine() + ")" : "");
                }
                return new Plan.Change(what, certain, Optional.empty(), host -> {
                    CommandResult out = HostCommand.run(host, "bring up the project in " + dir, line);
                    String text = out.stdout();
                    int at = text.indexOf("---after---\n");
                    ComposeContainers now = ComposeContainers.parse(ProbeLines.parse(
                            at < 0 ? "" : text.substring(at)).all("container"));
                    List<String> events = before.changesTo(now);
                    return new Result(!events.isEmpty(), events.isEmpty() ? "no container created or replaced"
                            : String.join(", ", events), done.with("containers", List.copyOf(now.byName().keySet()))
                            .data());
                });
            }
        }
    }

    /** What {@code docker compose --dry-run up} said it would do. */
    private record DryRun(boolean supported, boolean ok, List<String> changes, String lastLine) {

        static DryRun of(String rc, String output) {
            String text = output.strip();
            String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1).strip();
            boolean supported = !text.contains("unknown flag: --dry-run");
            Set<String> changes = new LinkedHashSet<>();
            for (String line : text.split("\n")) {
                int at = line.indexOf("DRY-RUN MODE -");
                if (at < 0) {
                    continue;
                }
                String[] words = line.substring(at + "DRY-RUN MODE -".length()).trim().split("\\s+");
                String verb = words[words.length - 1];
                if (!verb.equals("Running") && words.length >= 3 && isDone(verb)) {
                    changes.add(words[1] + " " + verb.toLowerCase());
                } else if (!verb.equals("Running") && !isProgress(verb)) {
                    changes.add(String.join(" ", words).toLowerCase());
                }
            }
            return new DryRun(supported, rc.equals("0"), List.copyOf(changes), last);
        }

        private static boolean isDone(String verb) {
            return verb.endsWith("ed");
        }

        /** "Creating", "Recreate", "Starting": the step before the one that says it is done. */
        private static boolean isProgress(String verb) {
            return verb.endsWith("ing") || verb.equals("Recreate");
        }

        boolean upToDate() {
            return supported && ok && changes.isEmpty();
        }
    }
}
