package dev.steward.transport;

import dev.steward.transport.SshEndpoint.HostKeyChecking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Endpoints for {@link TestSshServer}s on 127.0.0.1. */
public final class TestEndpoints {

    private TestEndpoints() {}

    public static SshEndpoint withKey(int port, Path key, Path knownHosts, HostKeyChecking checking) {
        return new SshEndpoint("test-" + port, "127.0.0.1", port, TestSshServer.USER, Optional.of(key), Optional.empty(),
                Optional.empty(), knownHosts, checking, Optional.empty(), Duration.ofSeconds(5));
    }

    public static SshEndpoint withPassword(int port, String password, Path knownHosts, HostKeyChecking checking) {
        return new SshEndpoint("test-" + port, "127.0.0.1", port, TestSshServer.USER, Optional.empty(),
                Optional.of(password), Optional.empty(), knownHosts, checking, Optional.empty(), Duration.ofSeconds(5));
    }

    public static SshEndpoint via(SshEndpoint target, SshEndpoint jump) {
        return new SshEndpoint(target.name(), target.host(), target.port(), target.user(), target.privateKey(),
                target.password(), target.keyPassphrase(), target.knownHosts(), target.hostKeyChecking(),
                Optional.of(jump), target.connectTimeout());
    }

    public static SshEndpoint withKeyPassphrase(SshEndpoint e, String passphrase) {
        return new SshEndpoint(e.name(), e.host(), e.port(), e.user(), e.privateKey(), e.password(),
                Optional.of(passphrase), e.knownHosts(), e.hostKeyChecking(), e.jump(), e.connectTimeout());
    }
}
