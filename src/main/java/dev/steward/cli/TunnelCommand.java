package dev.steward.cli;

import dev.steward.engine.RunSummary;
import dev.steward.engine.Tunnel;
import dev.steward.transport.TransportException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code steward tunnel HOST}: the operator UI (or any port on a host's loopback) on this machine's
 * 127.0.0.1, through the host's SSH connection as the inventory describes it. Ctrl-C is its normal
 * end: it closes the tunnel and exits 0.
 */
@Command(name = "tunnel", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Forward a port on a host's loopback (the operator UI, 6688) to 127.0.0.1 on this machine,"
                + " over SSH with the inventory's settings (known hosts, jump host, keys). Ctrl-C ends it (exit 0).",
                "Exit codes: 0 ended with Ctrl-C, 1 the local port is in use, 3 the host cannot be reached or the"
                + " connection was lost, 4 no such host in the inventory, 5 bad options."})
final class TunnelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "HOST", description = "the inventory host, e.g. node1")
    String host;

    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY",
            description = "the inventory: YAML, or an Ansible INI file")
    Path inventory;

    @Mixin
    VaultPasswordOption vault;

    @Option(names = "--port", defaultValue = "6688", paramLabel = "N",
            description = "the port on the host's 127.0.0.1 (default: 6688, the node's API and operator UI)")
    int port;

    @Option(names = "--local-port", paramLabel = "N",
            description = "the port on this machine's 127.0.0.1 (default: the same as --port; 0: any free port)")
    Integer localPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        int local = localPort == null ? port : localPort;
        if (port < 1 || port > 65535 || local < 0 || local > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "ports are 1-65535 (--local-port 0: any free port), not --port " + port + " --local-port " + local);
        }
        ServerSocket listening;
        try {
            // loopback only: the UI must not be reachable from this machine's network either
            listening = new ServerSocket(local, 50, InetAddress.getLoopbackAddress());
        } catch (BindException e) {
            System.err.println("steward tunnel: 127.0.0.1:" + local + " is already in use on this machine (another"
                    + " tunnel or program): choose another with --local-port N, or --local-port 0 for any free port");
            return RunSummary.ERROR;
        } catch (IOException e) {
            System.err.println("steward tunnel: cannot listen on 127.0.0.1:" + local + ": " + e.getMessage());
            return RunSummary.ERROR;
        }
        try (Tunnel tunnel = Passphrase.engine().withVault(vault.files()).tunnel(inventory, host, listening, port);
                InterruptHandler.Restore ctrlC = InterruptHandler.replacedBy(tunnel::stop)) {
            System.out.println("steward tunnel: " + host + "'s 127.0.0.1:" + port + " is on http://127.0.0.1:"
                    + listening.getLocalPort() + "/ (through " + tunnel.through() + "); open that URL. Ctrl-C ends the tunnel.");
            System.out.flush();
            tunnel.serve(line -> System.err.println("steward tunnel: " + line));
            System.out.println("steward tunnel: closed");
            return RunSummary.OK;
        } catch (TransportException e) {
            System.err.println("steward tunnel: " + host + ": " + e.getMessage());
            return RunSummary.HOST_UNREACHABLE;
        } finally {
            closeQuietly(listening);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed with the tunnel
        }
    }
}
