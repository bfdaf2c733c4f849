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
import dev.steward.remote.Probe;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code systemd} (alias {@code service}): a unit started, stopped, restarted or reloaded; enabled
 * or not; masked or not; systemd's configuration reloaded first when asked. One probe
 * ({@code systemctl show}) answers every question. A unit that does not exist yet is a possible
 * change (an earlier task may install it in check mode) and a clear failure when applied.
 */
public final class SystemdModule implements Module {

    private static final Set<String> RUNNING = Set.of("active", "activating", "reloading");
    private static final Set<String> ENABLED = Set.of("enabled", "enabled-runtime", "alias", "generated");

    private final String name;
    private final ModuleSpec spec;

    public SystemdModule(String name) {
        this.name = name;
        this.spec = new ModuleSpec("Starts, stops, restarts or reloads a systemd unit; enables, disables or masks it.",
                List.of(Param.required("name", ParamType.STRING, "the unit, e.g. nginx or docker.socket (.service "
                                + "when no suffix)").aliases("unit"),
                        Param.optional("state", ParamType.STRING, "started, stopped, restarted (always restarts) or "
                                + "reloaded (always reloads)").choices("started", "stopped", "restarted", "reloaded"),
                        Param.optional("enabled", ParamType.BOOL, "whether the unit starts at boot"),
                        Param.optional("masked", ParamType.BOOL, "whether the unit is masked (cannot be started)"),
                        Param.optional("daemon_reload", ParamType.BOOL,
                                "run systemctl daemon-reload first when systemd says unit files changed")),
                Optional.empty(), List.of(), List.of());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModuleSpec spec() {
        return spec;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String unit = args.required("name");
        Map<String, String> now = probe(call.probe(), unit);
        List<String> steps = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        plan(args, unit, now, steps, commands);
        if (steps.isEmpty()) {
            return new Plan.Unchanged(result(false, unit + " is as wanted", unit, now));
        }
        String summary = String.join(", ", steps);
        boolean missing = "not-found".equals(now.get("LoadState"));
        if (missing) {
            // check mode on a fresh host: an earlier task may install the unit; decided again when applied
            return new Plan.Change(summary + " (the unit is not installed yet)", false, Optional.empty(), h -> {
                Map<String, String> again = probe(h, unit);
                if ("not-found".equals(again.get("LoadState")) && !args.bool("masked").orElse(false)) {
                    throw new ModuleFailure(h.host() + ": the unit " + unit + " does not exist; install its package "
                            + "or write its unit file first (then daemon_reload: true)", Map.of("name", unit));
                }
                List<String> s = new ArrayList<>();
                List<String> c = new ArrayList<>();
                plan(args, unit, again, s, c);
                return apply(h, c, unit, String.join(", ", s), again);
            });
        }
        return new Plan.Change(summary, true, Optional.empty(), h -> apply(h, commands, unit, summary, now));
    }

    private static Result apply(dev.steward.remote.Apply h, List<String> commands, String unit, String summary,
            Map<String, String> before) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        if (commands.isEmpty()) {
            return result(false, unit + " is as wanted", unit, before);
        }
        HostCommand.run(h, String.join(" && ", commands), null, summary.replace(unit, "unit " + unit),
                "see 'systemctl status " + unit + "' and 'journalctl -u " + unit + "' on the host");
        return result(true, summary, unit, before);
    }

    private static void plan(Args args, String unit, Map<String, String> now, List<String> steps,
            List<String> commands) throws ModuleFailure {
        String u = ShellQuote.quote(unit);
        String load = now.getOrDefault("LoadState", "");
        String file = now.getOrDefault("UnitFileState", "");
        String active = now.getOrDefault("ActiveState", "");
        boolean missing = load.equals("not-found");
        boolean masked = load.equals("masked") || file.startsWith("masked");
        if (args.bool("daemon_reload").orElse(false) && ("yes".equals(now.get("NeedDaemonReload")) || missing)) {
            steps.add("reload systemd's configuration");
            commands.add("systemctl daemon-reload");
        }
        Optional<Boolean> wantMasked = args.bool("masked");
        if (wantMasked.isPresent() && wantMasked.get() != masked) {
            steps.add((wantMasked.get() ? "mask " : "unmask ") + unit);
            commands.add("systemctl " + (wantMasked.get() ? "mask" : "unmask") + " -- " + u);
            masked = wantMasked.get();
        }
        Optional<Boolean> enabled = args.bool("enabled");
        if (enabled.isPresent()) {
            if (masked && enabled.get()) {
                throw new ModuleFailure("the unit " + unit + " is masked, so it cannot be enabled; add masked: false");
            }
            boolean isEnabled = ENABLED.contains(file);
            boolean isDisabled = file.equals("disabled") || missing;
            if (enabled.get() && (isDisabled || (!isEnabled && file.isEmpty()))) {
                steps.add("enable " + unit);
                commands.add("systemctl enable -- " + u);
            } else if (!enabled.get() && isEnabled) {
                steps.add("disable " + unit);
                commands.add("systemctl disable -- " + u);
            }
        }
        Optional<String> state = args.string("state");
        if (state.isPresent()) {
            boolean running = RUNNING.contains(active);
            switch (state.get()) {
                case "started" -> {
                    if (masked) {
                        throw new ModuleFailure("the unit " + unit + " is masked, so it cannot be started; add masked: false");
                    }
                    if (!running) {
                        steps.add("start " + unit);
                        commands.add("systemctl start -- " + u);
                    }
                }
                case "stopped" -> {
                    if (running || active.equals("deactivating")) {
                        steps.add("stop " + unit);
                        commands.add("systemctl stop -- " + u);
                    }
                }
                case "restarted" -> {
                    steps.add("restart " + unit);
                    commands.add("systemctl restart -- " + u);
                }
                case "reloaded" -> {
                    steps.add((running ? "reload " : "start ") + unit);
                    commands.add("systemctl " + (running ? "reload" : "start") + " -- " + u);
                }
                default -> throw new ModuleFailure("state must be started, stopped, restarted or reloaded");
            }
        }
    }

    static Map<String, String> probe(Probe probe, String unit)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        var r = HostCommand.query(probe, "systemctl show -p ActiveState,UnitFileState,LoadState,NeedDaemonReload -- "
                + ShellQuote.quote(unit), "ask systemd about " + unit,
                "systemd must be running on the host (systemctl is-system-running)");
        return HostCommand.keyValues(r.stdout());
    }

    private static Result result(boolean changed, String msg, String unit, Map<String, String> before) {
        return new Result(changed, msg, Map.of("name", unit, "before", Map.copyOf(before)));
    }
}
