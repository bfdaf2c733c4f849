package dev.steward.transport.ssh;

import dev.steward.transport.SshEndpoint.HostKeyChecking;
import dev.steward.transport.TransportException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a host's key against an OpenSSH known_hosts file ({@code [host]:port} and hashed
 * {@code |1|salt|hash} entries included). One instance per connection attempt: when it refuses a
 * key it keeps the reason, because sshj only reports "could not verify".
 */
public final class KnownHostsVerifier implements HostKeyVerifier {

    private static final Logger log = LoggerFactory.getLogger(KnownHostsVerifier.class);

    private final KnownHostsFile file;
    private final HostKeyChecking checking;
    private final String hostName;
    private volatile HostKeyRejection rejection;

    /** @param hostName the inventory name of the host, for messages */
    public KnownHostsVerifier(Path knownHosts, HostKeyChecking checking, String hostName) {
        this.file = new KnownHostsFile(knownHosts);
        this.checking = checking;
        this.hostName = hostName;
    }

    /** Why the last key was refused, if it was. */
    Optional<HostKeyRejection> rejection() {
        return Optional.ofNullable(rejection);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        if (checking == HostKeyChecking.OFF) {
            return true;
        }
        String entryHost = entryHost(hostname, port);
        try {
            Verdict verdict = judge(file.read(), entryHost, key);
            if (verdict.kind == Verdict.Kind.UNKNOWN && checking == HostKeyChecking.ACCEPT_NEW) {
                String line = entryHost + " " + KeyType.fromKey(key) + " "
                        + Base64.getEncoder().encodeToString(HostKeyFingerprint.blob(key));
                file.appendIfStillMissing(line, current -> judge(current, entryHost, key).kind == Verdict.Kind.UNKNOWN);
                log.warn("Recorded the {} key {} of {} ({}) in {}", KeyType.fromKey(key), HostKeyFingerprint.sha256(key),
                        hostName, entryHost, file.path());
                verdict = judge(file.read(), entryHost, key);
            }
            return accept(verdict, hostname, port, entryHost, key);
        } catch (IOException e) {
            rejection = new HostKeyRejection(Reason.HOST_KEY_UNKNOWN, "Cannot read or update known_hosts file "
                    + file.path() + " to check the host key of " + hostName + " (" + entryHost + "): " + e.getMessage()
                    + ". Check that the file and its directory are readable and writable.");
            return false;
        }
    }

    /** Only key types already recorded for the host, so sshj does not negotiate another type and call it "changed". */
    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        if (checking == HostKeyChecking.OFF) {
            return List.of();
        }
        try {
            return file.read().findExistingAlgorithms(hostname, port);
        } catch (IOException e) {
            return List.of();
        }
    }

    private boolean accept(Verdict verdict, String hostname, int port, String entryHost, PublicKey key) {
        String offered = KeyType.fromKey(key) + " key " + HostKeyFingerprint.sha256(key);
        switch (verdict.kind) {
            case MATCH:
                return true;
            case UNKNOWN:
                rejection = new HostKeyRejection(Reason.HOST_KEY_UNKNOWN, "Host key of " + hostName + " (" + entryHost
                        + ") is not known: " + file.path() + " has no entry for it; the host offers the " + offered
                        + ". Check that fingerprint, then either set `host_key_checking: accept-new` for this host to"
                        + " record it on first connection, or add it with: ssh-keyscan" + (port == 22 ? "" : " -p " + port)
                        + " " + hostname + " >> " + file.path());
                return false;
            default:
                rejection = new HostKeyRejection(Reason.HOST_KEY_CHANGED, "Host key of " + hostName + " (" + entryHost
                        + ") has CHANGED: " + file.path() + " has " + String.join(", ", verdict.knownFingerprints)
                        + " but the host now offers the " + offered + ". Someone may be intercepting the connection,"
                        + " or the host was reinstalled. If you expect the change, remove the old key with: ssh-keygen -R '"
                        + entryHost + "' -f " + file.path() + " and connect again.");
                return false;
        }
    }

    /**
     * A key of a type not recorded for a host that has other keys counts as changed: sshj only
     * negotiates known types, so a host offering another one is suspicious.
     */
    private static Verdict judge(OpenSSHKnownHosts knownHosts, String entryHost, PublicKey key) throws IOException {
        List<String> known = new ArrayList<>();
        for (KnownHostEntry entry : knownHosts.entries()) {
            if (!entry.appliesTo(entryHost)) {
                continue;
            }
            if (entry.appliesTo(KeyType.fromKey(key), entryHost) && entry.verify(key)) {
                return new Verdict(Verdict.Kind.MATCH, List.of());
            }
            known.add(entry.getType() + " key " + fingerprintOfLine(entry.getLine()));
        }
        return new Verdict(known.isEmpty() ? Verdict.Kind.UNKNOWN : Verdict.Kind.CHANGED, known);
    }

    /** known_hosts line: [marker] hosts type base64-key [comment]. */
    private static String fingerprintOfLine(String line) {
        String[] fields = line.trim().split("\\s+");
        int keyField = fields[0].startsWith("@") ? 3 : 2;
        try {
            return HostKeyFingerprint.sha256(Base64.getDecoder().decode(fields[keyField]));
        } catch (RuntimeException e) {
            return "(unreadable key)";
        }
    }

    /** How OpenSSH names a host in known_hosts: {@code host} on port 22, {@code [host]:port} otherwise. */
    static String entryHost(String hostname, int port) {
        String host = hostname.toLowerCase(Locale.ROOT);
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    private record Verdict(Kind kind, List<String> knownFingerprints) {
        enum Kind { MATCH, UNKNOWN, CHANGED }
    }
}
