package dev.steward.transport.ssh;

import dev.steward.transport.Connection;
import dev.steward.transport.SshEndpoint;
import dev.steward.transport.TransportException;
import dev.steward.transport.TransportException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Opens SSH connections with sshj: TCP_NODELAY, keepalive, known_hosts checking, key then password
 * authentication, jump hosts, and a bound on simultaneous handshakes. Thread-safe; one instance
 * serves a whole run.
 */
public final class SshTransport {

    static final int KEEPALIVE_SECONDS = 15;

    private final DefaultConfig config;
    private final Handshakes handshakes;

    public SshTransport() {
        this(Handshakes.withDefaultLimit());
    }

    public SshTransport(Handshakes handshakes) {
        this.handshakes = handshakes;
        this.config = SharedConfig.CONFIG;
    }

    /**
     * sshj's configuration, made once per process (the clients only read it): making it registers
     * BouncyCastle's provider, a few tenths of a second at start.
     */
    private static final class SharedConfig {
        static final DefaultConfig CONFIG = newConfig();

        private static DefaultConfig newConfig() {
            DefaultConfig config = new DefaultConfig();
            // keepalive@openssh.com requests notice a dead peer even when no command is running
            config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
            return config;
        }
    }

    /**
     * Makes sshj's configuration on a daemon thread, so that this local one-off work overlaps reading
     * the playbook and inventory instead of delaying the first connection. Nothing goes over the network.
     */
    public static void prepareInBackground() {
        Thread thread = new Thread(() -> {
            DefaultConfig ignored = SharedConfig.CONFIG;
        }, "steward-ssh-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    /** Connects and authenticates, through the endpoint's jump host (recursively) when it has one. */
    public Connection connect(SshEndpoint endpoint) throws TransportException {
        Optional<SshConnection> jump = Optional.empty();
        if (endpoint.jump().isPresent()) {
            jump = Optional.of((SshConnection) connect(endpoint.jump().get()));
        }
        SSHClient client = newClient(endpoint);
        try {
            DirectConnection tunnel = jump.isPresent() ? openTunnel(jump.get(), endpoint) : null;
            handshakes.run(() -> {
                handshake(client, endpoint, tunnel);
                return null;
            });
            return new SshConnection(client, endpoint.describe() + via(jump), jump);
        } catch (TransportException | RuntimeException e) {
            disconnectQuietly(client);
            jump.ifPresent(SshConnection::close);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            disconnectQuietly(client);
            jump.ifPresent(SshConnection::close);
            throw new TransportException(Reason.CONNECT_FAILED, "interrupted while connecting to " + where(endpoint), e);
        }
    }

    private SSHClient newClient(SshEndpoint endpoint) {
        SSHClient client = new SSHClient(config);
        client.setSocketFactory(new NoDelaySocketFactory());
        client.setConnectTimeout(Math.toIntExact(Math.max(1, endpoint.connectTimeout().toMillis())));
        client.getConnection().getKeepAlive().setKeepAliveInterval(KEEPALIVE_SECONDS);
        return client;
    }

    private static DirectConnection openTunnel(SshConnection jump, SshEndpoint endpoint) throws TransportException {
        try {
            return jump.client().newDirectConnection(endpoint.host(), endpoint.port());
        } catch (IOException e) {
            throw new TransportException(Reason.CONNECT_FAILED, "the jump host " + jump.describe()
                    + " could not open a tunnel to " + where(endpoint) + ": " + e.getMessage()
                    + ". Check the target's address as seen from the jump host, and that the jump host's sshd allows"
                    + " TCP forwarding (AllowTcpForwarding).", e);
        }
    }

    private static void handshake(SSHClient client, SshEndpoint endpoint, DirectConnection tunnel) throws TransportException {
        KnownHostsVerifier verifier = new KnownHostsVerifier(endpoint.knownHosts(), endpoint.hostKeyChecking(), endpoint.name());
        client.addHostKeyVerifier(verifier);
        try {
            if (tunnel == null) {
                client.connect(endpoint.host(), endpoint.port());
            } else {
                client.connectVia(tunnel, endpoint.host(), endpoint.port());
            }
        } catch (IOException e) {
            Optional<HostKeyRejection> rejection = verifier.rejection();
            if (rejection.isPresent()) {
                throw rejection.get().toException(e);
            }
            throw new TransportException(Reason.CONNECT_FAILED, connectFailure(endpoint, e), e);
        }
        authenticate(client, endpoint);
    }

    private static String connectFailure(SshEndpoint endpoint, IOException e) {
        String what;
        if (e instanceof UnknownHostException) {
            what = "the host name " + endpoint.host() + " does not resolve; check ssh.host in the inventory";
        } else if (e instanceof ConnectException) {
            what = "connection refused (" + e.getMessage() + "); check that sshd runs and listens on port " + endpoint.port();
        } else if (e instanceof SocketTimeoutException) {
            what = "no answer within " + endpoint.connectTimeout().toMillis() + " ms; check the address, the port and"
                    + " any firewall in between";
        } else if (e instanceof NoRouteToHostException) {
            what = "no route to host; check the address and the network";
        } else {
            what = "the SSH handshake failed: " + e.getMessage() + "; check that the port is an SSH server";
        }
        return "Cannot connect to " + where(endpoint) + ": " + what;
    }

    private static void authenticate(SSHClient client, SshEndpoint endpoint) throws TransportException {
        List<AuthMethod> methods = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        if (endpoint.privateKey().isPresent()) {
            methods.add(new AuthPublickey(loadKey(client, endpoint)));
            tried.add("the private key " + endpoint.privateKey().get());
        }
        if (endpoint.password().isPresent()) {
            methods.add(new AuthPassword(new FixedPassword(endpoint.password().get())));
            tried.add("the password");
        }
        if (methods.isEmpty()) {
            throw new TransportException(Reason.AUTH_FAILED, "No way to log in to " + where(endpoint)
                    + ": set ssh.private_key or ssh.password for this host");
        }
        try {
            client.auth(endpoint.user(), methods);
        } catch (UserAuthException e) {
            throw new TransportException(Reason.AUTH_FAILED, "Authentication as " + endpoint.user() + " on "
                    + where(endpoint) + " failed (tried " + String.join(", then ", tried) + "). Check ssh.user, that the"
                    + " public key is in ~" + endpoint.user() + "/.ssh/authorized_keys on the host, and the password.", e);
        } catch (IOException e) {
            throw new TransportException(Reason.DISCONNECTED, "the connection to " + where(endpoint)
                    + " was lost during authentication: " + e.getMessage(), e);
        }
    }

    /** Loads the key now, so a wrong passphrase or a missing file is reported as such, not as a refused login. */
    private static KeyProvider loadKey(SSHClient client, SshEndpoint endpoint) throws TransportException {
        java.nio.file.Path file = endpoint.privateKey().get();
        if (!Files.isReadable(file)) {
            throw new TransportException(Reason.AUTH_FAILED, "The private key " + file + " for " + where(endpoint)
                    + " does not exist or is not readable; check ssh.private_key");
        }
        try {
            KeyProvider keys = endpoint.keyPassphrase().isPresent()
                    ? client.loadKeys(file.toString(), endpoint.keyPassphrase().get())
                    : client.loadKeys(file.toString());
            keys.getPrivate();
            return keys;
        } catch (IOException | RuntimeException e) {
            throw new TransportException(Reason.AUTH_FAILED, "Cannot read the private key " + file + " for "
                    + where(endpoint) + " (" + e.getClass().getSimpleName() + "). If the key is encrypted, check"
                    + " ssh.key_passphrase; the key must be ed25519, ECDSA or RSA in OpenSSH or PEM format.", e);
        }
    }

    private static String where(SshEndpoint endpoint) {
        return endpoint.name() + " (" + endpoint.user() + "@" + endpoint.host() + ":" + endpoint.port() + ")";
    }

    private static String via(Optional<SshConnection> jump) {
        return jump.map(j -> " via " + j.describe()).orElse("");
    }

    private static void disconnectQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException ignored) {
            // nothing to release
        }
    }

    /** Hands sshj the password once; no retry, and the password never reaches a message. */
    private static final class FixedPassword implements PasswordFinder {
        private final String password;

        FixedPassword(String password) {
            this.password = password;
        }

        @Override
        public char[] reqPassword(Resource<?> resource) {
            return password.toCharArray();
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            return false;
        }

        @Override
        public String toString() {
            return "FixedPassword[***]";
        }
    }
}
