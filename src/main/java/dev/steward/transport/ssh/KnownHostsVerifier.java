package dev.steward.transport.ssh;

import com.hierynomus.sshj.userauth.certificate.Certificate;
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
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.Marker;
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
            OfferedKey offered = new OfferedKey(key);
            Verdict verdict = judge(file.read(), entryHost, offered);
            if (verdict.kind == Verdict.Kind.UNKNOWN && checking == HostKeyChecking.ACCEPT_NEW) {
                String line = entryHost + " " + offered.type + " " + Base64.getEncoder().encodeToString(offered.blob);
                file.appendIfStillMissing(line, current -> judge(current, entryHost, offered).kind == Verdict.Kind.UNKNOWN);
                log.warn("Recorded the {} key {} of {} ({}) in {}", offered.type, HostKeyFingerprint.sha256(offered.blob),
                        hostName, entryHost, file.path());
                verdict = judge(file.read(), entryHost, offered);
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
        String entryHost = entryHost(hostname, port);
        try {
            List<String> algorithms = new ArrayList<>();
            for (KnownHostsLines.Entry entry : file.read()) {
                if (!entry.appliesTo(entryHost)) {
                    continue;
                }
                if (entry.marker() == Marker.CA_CERT) {
                    // as sshj does: only the CA's key type is known, so any certificate type may come
                    for (KeyType candidate : KeyType.values()) {
                        if (candidate.getParent() != null) {
                            algorithms.add(candidate.toString());
                        }
                    }
                } else {
                    algorithms.add(entry.type().toString());
                }
            }
            return algorithms;
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
     * negotiates known types, so a host offering another one is suspicious. Keys are compared as
     * SSH wire-format bytes: no stored key is ever turned into a key object.
     */
    private static Verdict judge(List<KnownHostsLines.Entry> entries, String entryHost, OfferedKey offered) throws IOException {
        List<String> known = new ArrayList<>();
        for (KnownHostsLines.Entry entry : entries) {
            if (!entry.appliesTo(entryHost)) {
                continue;
            }
            if (entry.hasTypeFor(offered.type) && entry.verifies(offered.blob, offered.caBlob)) {
                return new Verdict(Verdict.Kind.MATCH, List.of());
            }
            known.add(entry.type() + " key " + entry.fingerprint());
        }
        return new Verdict(known.isEmpty() ? Verdict.Kind.UNKNOWN : Verdict.Kind.CHANGED, known);
    }

    /** The host's key as the comparison needs it, computed once per check. */
    private static final class OfferedKey {
        final KeyType type;
        final byte[] blob;
        /** For a certificate, its signing (CA) key in wire format; otherwise null. */
        final byte[] caBlob;

        OfferedKey(PublicKey key) {
            this.type = KeyType.fromKey(key);
            this.blob = HostKeyFingerprint.blob(key);
            this.caBlob = key instanceof Certificate<?> certificate ? certificate.getSignatureKey() : null;
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
