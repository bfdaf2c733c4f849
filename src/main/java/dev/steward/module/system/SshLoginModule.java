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
import dev.steward.remote.CommandResult;
import dev.steward.remote.CommandRunner;
import dev.steward.remote.CommandSpec;
import dev.steward.transport.Connection;
import dev.steward.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ssh_login}: opens a NEW SSH connection from the controller to the task's host as another
 * user with a private key (never a password), runs a command there (by default {@code sudo -n true}:
 * the user can become root without a password), and closes it. It changes nothing, so it is a probe
 * and also runs in check mode. Its use: prove that the operator's key login works before a later
 * task takes the old way in away (root login, passwords); when it fails the host fails and those
 * tasks do not run.
 *
 * <p>It uses Steward's own SSH client with the host's inventory settings (address, port,
 * known_hosts and host key checking, jump host), so a success means the next run, connecting as
 * that user with that key, will get in. The controller's {@code ssh} command would prove less: it
 * reads other configuration ({@code ~/.ssh/config}, an agent) and may not be installed.
 */
public final class SshLoginModule implements Module {

    private static final ModuleSpec SPEC = new ModuleSpec(
            "Proves a key login as a user on a new SSH connection from the controller (changes nothing).", List.of(
            Param.required("user", ParamType.STRING, "the user to log in as"),
            Param.required("private_key", ParamType.PATH, "the private key on the controller: absolute, ~/…, or "
                    + "relative to the inventory's folder (like ssh.private_key); its passphrase comes from "
                    + "STEWARD_KEY_PASSPHRASE"),
            Param.optional("command", ParamType.STRING, "run after logging in; it must exit 0 (default 'sudo -n true': "
                    + "the user has passwordless sudo; give 'true' to prove the login only)"),
            Param.optional("timeout", ParamType.INT, "seconds the command may take (default 30)")),
            Optional.empty(), List.of(), List.of()).withExample("""
                    - name: The operator can log in with the key and use sudo
                      ssh_login:
                        user: ops
                        private_key: ~/.ssh/id_ed25519
                    """);

    @Override
    public String name() {
        return "ssh_login";
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(ModuleCall call) throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        Args args = call.args();
        String user = args.required("user");
        Path key = Path.of(args.required("private_key"));
        String command = args.string("command").orElse("sudo -n true");
        long timeout = args.integer("timeout").orElse(30L);
        if (timeout <= 0) {
            throw new ModuleFailure("timeout must be at least 1 second, not " + timeout);
        }
        try (Connection login = call.context().openLogin(user, key)) {
            CommandResult r = new CommandRunner(login).run(CommandSpec.of(command, Duration.ofSeconds(timeout)));
            if (r.exitCode() != 0) {
                throw new ModuleFailure("logged in as " + login.describe() + ", but '" + command + "' failed",
                        Map.of("rc", (long) r.exitCode(), "stderr", r.stderr(), "cmd", command));
            }
            return new Plan.Unchanged(Result.ok("logged in as " + login.describe() + " with the key on a new "
                    + "connection; '" + command + "' succeeded").with("user", user));
        }
    }
}
