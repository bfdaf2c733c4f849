package dev.steward.transport.ssh;

import com.hierynomus.sshj.transport.verification.KnownHostMatchers;
import com.hierynomus.sshj.transport.verification.KnownHostMatchers.HostMatcher;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.Marker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries of a known_hosts text, read the way sshj's {@code OpenSSHKnownHosts} reads them
 * (same line syntax, same host matchers, same markers) but without building a {@code PublicKey}
 * for any line: a key stays the SSH wire-format bytes of its base64 field. Building keys was the
 * cost of every connection (BouncyCastle runs a primality test on each RSA modulus it is given);
 * comparing bytes answers the same question.
 */
final class KnownHostsLines {

    private static final Logger log = LoggerFactory.getLogger(KnownHostsLines.class);

    /**
     * One usable line.
     *
     * @param marker {@code @cert-authority}, {@code @revoked} or null
     * @param type the key type named by the line
     * @param blob the key in SSH wire format, as the line's base64 field holds it
     */
    record Entry(Marker marker, HostMatcher hosts, KeyType type, byte[] blob) {

        boolean appliesTo(String entryHost) throws IOException {
            return hosts.match(entryHost);
        }

        /** Same rule as sshj's {@code HostEntry.appliesTo(KeyType, String)}, host matching aside. */
        boolean hasTypeFor(KeyType offered) {
            return type == offered || (marker == Marker.CA_CERT && offered.getParent() != null);
        }

        /**
         * Same rule as sshj's {@code HostEntry.verify}: a certificate is checked against a
         * {@code @cert-authority} line by its signing key, any other key byte for byte (never a
         * {@code @revoked} one).
         */
        boolean verifies(byte[] offeredBlob, byte[] caBlobOfCertificate) {
            if (marker == Marker.CA_CERT && caBlobOfCertificate != null) {
                return type == KeyType.fromString(typeNameOf(caBlobOfCertificate))
                        && Arrays.equals(blob, caBlobOfCertificate);
            }
            return Arrays.equals(blob, offeredBlob) && marker != Marker.REVOKED;
        }

        String fingerprint() {
            return HostKeyFingerprint.sha256(blob);
        }
    }

    private KnownHostsLines() {}

    /** The usable entries, in file order; comments, blank and unreadable lines are skipped, as OpenSSH does. */
    static List<Entry> parse(String content) {
        List<Entry> entries = new ArrayList<>();
        for (String line : content.split("\n", -1)) {
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                Entry entry = parseLine(line);
                if (entry != null) {
                    entries.add(entry);
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Skipping known_hosts line ({}): {}", e, line);
            }
        }
        return entries;
    }

    /** Line syntax as sshj's {@code EntryFactory.parseEntry}: [marker] hosts type base64 [comment], or hosts bits e n. */
    private static Entry parseLine(String line) throws IOException {
        String trimmed = line.trim();
        int minComponents = trimmed.startsWith("@") ? 4 : 3;
        String[] split = trimmed.split("\\s+", minComponents + 1);
        if (split.length < minComponents) {
            log.debug("Skipping known_hosts line with too few fields: {}", line);
            return null;
        }
        int i = 0;
        Marker marker = Marker.fromString(split[i]);
        if (marker != null) {
            i++;
        }
        String hostPart = split[i++];
        String typeName = split[i++];
        KeyType type = KeyType.fromString(typeName);
        byte[] blob;
        if (type != KeyType.UNKNOWN) {
            blob = Base64.getDecoder().decode(split[i]);
            if (KeyType.fromString(typeNameOf(blob)) == KeyType.UNKNOWN) { // sshj could not read it as a key either
                log.debug("Skipping known_hosts line whose key field is not a key: {}", line);
                return null;
            }
        } else if (isBits(typeName)) { // SSH1-style RSA line: bits exponent modulus
            split = trimmed.split("\\s+", minComponents + 2);
            if (split.length < i + 2) {
                return null;
            }
            type = KeyType.RSA;
            blob = new Buffer.PlainBuffer().putString(KeyType.RSA.toString())
                    .putMPInt(new BigInteger(split[i])).putMPInt(new BigInteger(split[i + 1])).getCompactData();
        } else {
            log.debug("Skipping known_hosts line of an unknown key type: {}", line);
            return null;
        }
        return new Entry(marker, KnownHostMatchers.createMatcher(hostPart), type, blob);
    }

    /** The type name a wire-format key starts with, or null when the bytes are not one. */
    static String typeNameOf(byte[] blob) {
        try {
            return new Buffer.PlainBuffer(blob).readString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isBits(String field) {
        try {
            Integer.parseInt(field);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
