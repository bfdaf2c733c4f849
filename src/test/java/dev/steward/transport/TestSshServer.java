package dev.steward.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/**
 * An in-process Apache MINA SSHD server on 127.0.0.1 that runs real commands through
 * {@code /bin/sh -c}, with an ed25519 host key made by ssh-keygen, key and password logins, and
 * optionally TCP forwarding (to serve as a jump host) and a directory put first on the commands' PATH.
 * It records every command line a client asks it to run, in order ({@link #commandsRun()}): an
 * oracle that misses nothing, unlike sampling {@code ps} while commands run.
 */
public final class TestSshServer implements AutoCloseable {

    public static final String USER = "steward";

    private final SshServer server;
    private final Path hostKey;
    private final AtomicInteger sessionsOpened = new AtomicInteger();
    private final List<String> commandsRun = new CopyOnWriteArrayList<>();

    private TestSshServer(SshServer server, Path hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    /**
     * What the server accepts and how it runs commands.
     *
     * @param hostKey the server's private host key file (ssh-keygen made)
     * @param authorizedKeys an authorized_keys file: the public keys that may log in as {@link #USER}
     */
    public record Options(int port, Path hostKey, Optional<Path> secondHostKey, Path authorizedKeys,
            Optional<String> password, boolean tcpForwarding, Optional<Path> pathPrefix) {

        public static Options of(Path hostKey, Path authorizedKeys) {
            return new Options(0, hostKey, Optional.empty(), authorizedKeys, Optional.empty(), false, Optional.empty());
        }

        public Options withPort(int p) {
            return new Options(p, hostKey, secondHostKey, authorizedKeys, password, tcpForwarding, pathPrefix);
        }

        public Options withHostKey(Path key) {
            return new Options(port, key, secondHostKey, authorizedKeys, password, tcpForwarding, pathPrefix);
        }

        /** A second host key of another type, offered too; sshd prefers ed25519 unless the client asks otherwise. */
        public Options withSecondHostKey(Path key) {
            return new Options(port, hostKey, Optional.of(key), authorizedKeys, password, tcpForwarding, pathPrefix);
        }

        public Options withPassword(String secret) {
            return new Options(port, hostKey, secondHostKey, authorizedKeys, Optional.of(secret), tcpForwarding, pathPrefix);
        }

        public Options withTcpForwarding() {
            return new Options(port, hostKey, secondHostKey, authorizedKeys, password, true, pathPrefix);
        }

        public Options withPathPrefix(Path dir) {
            return new Options(port, hostKey, secondHostKey, authorizedKeys, password, tcpForwarding, Optional.of(dir));
        }

        @Override
        public String toString() {
            return "Options[port=" + port + "]";
        }
    }

    public static TestSshServer start(Options options) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(options.port());
        // like OpenSSH's sshd, answer small packets at once (Nagle would add ~40 ms per command)
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        List<Path> hostKeys = new java.util.ArrayList<>(List.of(options.hostKey()));
        options.secondHostKey().ifPresent(hostKeys::add);
        server.setKeyPairProvider(new FileKeyPairProvider(hostKeys));
        // keys parsed once: MINA's file-watching authenticator can miss keys when sessions race on its first read
        server.setPublickeyAuthenticator(new KeySetPublickeyAuthenticator("authorized_keys", authorizedKeys(options)));
        server.setPasswordAuthenticator((user, password, session) ->
                USER.equals(user) && options.password().map(password::equals).orElse(false));
        if (options.tcpForwarding()) {
            server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        }
        TestSshServer fixture = new TestSshServer(server, options.hostKey());
        server.setCommandFactory((channel, command) -> {
            fixture.commandsRun.add(command); // as asked, before anything can fail
            return fixture.new ShellCommand(command, options.pathPrefix());
        });
        server.start();
        return fixture;
    }

    private static List<PublicKey> authorizedKeys(Options options) throws IOException {
        try {
            return PublicKeyEntry.resolvePublicKeyEntries(null, AuthorizedKeyEntry.readAuthorizedKeys(options.authorizedKeys()),
                    PublicKeyEntryResolver.FAILING);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read " + options.authorizedKeys(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Opens channels from now on with a receive window of {@code bytes}, so a client soon waits for it to reopen. */
    public void limitChannelWindow(long bytes) {
        CoreModuleProperties.WINDOW_SIZE.set(server, bytes);
    }

    /** The host key's line for a known_hosts file, e.g. {@code [127.0.0.1]:40123 ssh-ed25519 AAAA…}. */
    public String knownHostsLine() throws IOException {
        return knownHostsLine(hostKey);
    }

    /** The known_hosts line of {@code key} (a host key file of this server) on this server's port. */
    public String knownHostsLine(Path key) throws IOException {
        String[] pub = Files.readString(Path.of(key + ".pub")).trim().split("\\s+");
        return "[127.0.0.1]:" + port() + " " + pub[0] + " " + pub[1];
    }

    /** The host key's {@code SHA256:…} fingerprint, as ssh-keygen -lf prints it. */
    public String fingerprint() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-lf", hostKey + ".pub").start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.split("\\s+")[1];
    }

    /** SSH connections currently open to this server. */
    public int activeConnections() {
        return server.getActiveSessions().size();
    }

    public int sessionsOpened() {
        return sessionsOpened.get();
    }

    /** Every command line clients asked this server to run, whole and in the order they came. */
    public List<String> commandsRun() {
        return List.copyOf(commandsRun);
    }

    /** Stops at once, dropping every connection. */
    public void stop() throws IOException {
        server.stop(true);
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** {@code /bin/sh -c COMMAND} in a child process, its three streams pumped to and from the channel. */
    final class ShellCommand implements Command {
        private final String command;
        private final Optional<Path> pathPrefix;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Process process;

        ShellCommand(String command, Optional<Path> pathPrefix) {
            this.command = command;
            this.pathPrefix = pathPrefix;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            sessionsOpened.incrementAndGet();
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command);
            pathPrefix.ifPresent(dir -> builder.environment().put("PATH", dir + ":" + System.getenv("PATH")));
            process = builder.start();
            daemon(() -> {
                try (OutputStream toProcess = process.getOutputStream()) {
                    copy(in, toProcess);
                } catch (IOException ignored) {
                    // the process stopped reading
                }
            });
            Thread stdout = daemon(() -> copyQuietly(process.getInputStream(), out));
            Thread stderr = daemon(() -> copyQuietly(process.getErrorStream(), err));
            daemon(() -> {
                try {
                    int code = process.waitFor();
                    stdout.join();
                    stderr.join();
                    exit.onExit(code);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        public void destroy(ChannelSession channel) {
            Process p = process;
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }

        private void copyQuietly(InputStream from, OutputStream to) {
            try {
                copy(from, to);
            } catch (IOException ignored) {
                // the channel is gone
            }
        }

        private void copy(InputStream from, OutputStream to) throws IOException {
            byte[] buffer = new byte[32 * 1024];
            int n;
            while ((n = from.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        }

        private Thread daemon(Runnable task) {
            Thread thread = new Thread(task, "test-sshd-command");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }
    }
}
