package dev.steward.lab;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A lab host's SSH host public keys as seen at its published port. Read from the container itself
 * (the keys are made at first boot), so known_hosts is right from the start: a recreated host that
 * gets a port an old one had cannot trip a "host key changed" error.
 */
public record LabHostKeys(String sshHost, int sshPort, List<String> publicKeys) {

    /** The shell command whose output {@link #parse} reads. */
    public static final List<String> READ_COMMAND = List.of("sh", "-c", "cat /etc/ssh/ssh_host_*_key.pub");

    public LabHostKeys {
        publicKeys = List.copyOf(publicKeys);
    }

    /** Parses {@code ssh_host_*_key.pub} lines ("type base64 comment"), dropping the comments. */
    public static LabHostKeys parse(String sshHost, int sshPort, String catOutput) {
        List<String> keys = catOutput.lines()
                .map(String::strip)
                .filter(line -> line.split("\\s+").length >= 2)
                .map(line -> String.join(" ", Arrays.asList(line.split("\\s+")).subList(0, 2)))
                .toList();
        return new LabHostKeys(sshHost, sshPort, keys);
    }

    /** known_hosts lines, in OpenSSH's {@code [host]:port} form for ports other than 22. */
    public List<String> knownHostsLines() {
        String pattern = sshPort == 22 ? sshHost : "[" + sshHost + "]:" + sshPort;
        return publicKeys.stream().map(key -> pattern + " " + key).toList();
    }

    /** Writes a known_hosts file holding exactly these hosts' keys. */
    public static void writeKnownHosts(Path file, List<LabHostKeys> hosts) {
        StringBuilder text = new StringBuilder();
        hosts.forEach(host -> host.knownHostsLines().forEach(line -> text.append(line).append('\n')));
        LabInventoryWriter.writeAtomically(file, text.toString());
    }
}
