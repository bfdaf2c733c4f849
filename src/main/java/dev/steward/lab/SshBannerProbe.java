package dev.steward.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads an SSH server's identification line ({@code SSH-2.0-OpenSSH_…}). A published Docker port
 * accepts TCP connections before sshd listens (docker-proxy answers), so an open port alone proves
 * nothing: only the banner does.
 */
public final class SshBannerProbe {

    private static final int MAX_BANNER = 255;

    private SshBannerProbe() {
    }

    /** The banner line, or empty when nothing that speaks SSH answers within {@code timeout}. */
    public static Optional<String> read(String host, int port, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n' && line.size() < MAX_BANNER; b = in.read()) {
                line.write(b);
            }
            String banner = line.toString(StandardCharsets.US_ASCII).strip();
            return banner.startsWith("SSH-") ? Optional.of(banner) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
