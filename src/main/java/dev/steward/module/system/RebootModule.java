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
import dev.steward.remote.Apply;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.remote.ShellQuote;
import dev.steward.transport.TransportException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code reboot}: schedules a reboot in the background (so the SSH command returns), then asks the
 * engine for a new connection ({@link Apply#reconnect}) until SSH answers on a host whose boot id
 * ({@code /proc/sys/kernel/random/boot_id}) differs from the one before, then runs
 * {@code test_command} until it succeeds. Always a change; check mode reports it and does nothing.
 */
public final class RebootModule implements Module {

    static final String BOOT_ID = "cat /proc/sys/kernel/random/boot_id";
    private static final ModuleSpec SPEC = new ModuleSpec("Reboots the host and waits until it is back.", List.of(
            Param.optional("reboot_timeout", ParamType.INT,
                    "seconds to wait for the host to come back and pass test_command (default 600)"),
            Param.optional("pre_reboot_delay", ParamType.INT, "seconds before the reboot starts (default 0; at least 2 are used)"),
            Param.optional("post_reboot_delay", ParamType.INT, "seconds to wait after SSH answers, before test_command (default 0)"),
            Param.optional("test_command", ParamType.STRING, "a command that succeeds once the host is usable (default whoami)"),
            Param.optional("msg", ParamType.STRING, "the message logged and shown to logged-in users")),
            Optional.empty(), List.of(), List.of());

    @Override
    public String name() {
        return "reboot";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure {
        Args args = call.args();
        long timeout = nonNegative(args, "reboot_timeout", 600);
        long preDelay = Math.max(2, nonNegative(args, "pre_reboot_delay", 0));
        long postDelay = nonNegative(args, "post_reboot_delay", 0);
        String test = args.string("test_command").orElse("whoami");
        String msg = args.string("msg").orElse("Reboot initiated by Steward");
        String schedule = "if command -v systemd-run >/dev/null 2>&1 && [ -d /run/systemd/system ]; then "
                + "systemd-run --quiet --on-active=" + preDelay + " shutdown -r now " + ShellQuote.quote(msg) + "; "
                + "else nohup sh -c " + ShellQuote.quote("sleep " + preDelay + "; shutdown -r now "
                        + ShellQuote.quote(msg)) + " >/dev/null 2>&1 </dev/null & fi";
        return new Plan.Change("reboot " + call.probe().host(), true, Optional.empty(),
                host -> reboot(host, schedule, timeout, postDelay, test));
    }

    private static Result reboot(Apply host, String schedule, long timeout, long postDelay, String test)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        long start = System.nanoTime();
        CommandResult before = host.query(BOOT_ID);
        String bootId = before.stdout().strip();
        if (before.exitCode() != 0 || bootId.isEmpty()) {
            throw new ModuleFailure("cannot read the boot id before rebooting: " + before.stderr().strip(),
                    Map.of("rc", (long) before.exitCode(), "stderr", before.stderr()));
        }
        CommandResult scheduled = host.run(schedule);
        if (scheduled.exitCode() != 0) {
            throw new ModuleFailure("cannot schedule the reboot: " + scheduled.stderr().strip(),
                    Map.of("rc", (long) scheduled.exitCode(), "stderr", scheduled.stderr(), "cmd", schedule));
        }
        long deadline = start + Duration.ofSeconds(timeout).toNanos();
        String last = "SSH did not answer";
        boolean back = false;
        do {
            try {
                host.reconnect(remaining(deadline));
                CommandResult now = host.query(BOOT_ID);
                if (now.exitCode() == 0 && !now.stdout().strip().isEmpty() && !now.stdout().strip().equals(bootId)) {
                    back = true;
                    break;
                }
                last = "SSH answered, but the boot id was still " + bootId + " (not rebooted yet)";
            } catch (TransportException e) {
                last = e.getMessage();
            }
            if (System.nanoTime() - deadline < 0) {
                Thread.sleep(1000);
            }
        } while (System.nanoTime() - deadline < 0);
        if (!back) {
            throw new ModuleFailure("the host did not come back within reboot_timeout " + timeout + " s: " + last,
                    Map.of("rebooted", false));
        }
        Thread.sleep(postDelay * 1000);
        CommandResult tested;
        while (true) {
            tested = host.run(test);
            if (tested.exitCode() == 0) {
                break;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ModuleFailure("the host rebooted, but test_command '" + test + "' did not succeed within "
                        + timeout + " s: " + tested.stderr().strip(), Map.of("rebooted", true,
                                "rc", (long) tested.exitCode(), "stderr", tested.stderr()));
            }
            Thread.sleep(1000);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rebooted", true);
        data.put("elapsed", (System.nanoTime() - start) / 1_000_000_000L);
        return new Result(true, "rebooted", data);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static long nonNegative(Args args, String name, long fallback) throws ModuleFailure {
        long v = args.integer(name).orElse(fallback);
        if (v < 0) {
            throw new ModuleFailure("reboot: '" + name + "' must not be negative");
        }
        return v;
    }
}
