package dev.steward.module.packages;

import dev.steward.module.ModuleFailure;
import dev.steward.module.system.HostCommand;
import dev.steward.remote.Apply;
import dev.steward.remote.BecomeException;
import dev.steward.remote.CommandResult;
import dev.steward.transport.TransportException;

/** Runs apt-get or dpkg on a host: after waiting for the dpkg lock, without questions, with a clear failure. */
final class AptRun {

    static final String ENV = "DEBIAN_FRONTEND=noninteractive APT_LISTCHANGES_FRONTEND=none ";
    /** Keep a changed config file the admin edited; take the package's for one nobody touched. */
    static final String CONF = "-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold";
    /** Records a successful update, as apt's periodic job does; cache_valid_time reads it. */
    static final String STAMP = "/var/lib/apt/periodic/update-success-stamp";

    private AptRun() {
    }

    static String updateCommand(long lockTimeout) {
        return DpkgLock.waitFor(lockTimeout) + ENV + "apt-get -q " + DpkgLock.aptOption(lockTimeout) + " update"
                + " && mkdir -p /var/lib/apt/periodic && touch " + STAMP;
    }

    static String getCommand(long lockTimeout, String verbAndArgs) {
        return DpkgLock.waitFor(lockTimeout) + ENV + "apt-get -q -y " + DpkgLock.aptOption(lockTimeout) + " " + CONF
                + " " + verbAndArgs;
    }

    static CommandResult run(Apply host, String command, long lockTimeout, String what, String hint)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        CommandResult r = host.run(command);
        if (r.exitCode() == DpkgLock.HELD && r.stderr().contains("steward-dpkg-lock: ")) {
            throw DpkgLock.held(host, r, lockTimeout);
        }
        if (r.exitCode() != 0) {
            throw HostCommand.failure(host, r, what, hint);
        }
        return r;
    }

    static void update(Apply host, long lockTimeout)
            throws ModuleFailure, TransportException, BecomeException, InterruptedException {
        run(host, updateCommand(lockTimeout), lockTimeout, "update the apt cache",
                "check the host's sources under /etc/apt/sources.list.d and that it reaches its mirrors");
    }
}
