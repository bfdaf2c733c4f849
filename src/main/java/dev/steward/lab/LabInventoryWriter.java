package dev.steward.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a lab's {@code inventory.yml}: every host in {@code all} and in the group {@code lab}, with
 * the key and known_hosts paths relative to the inventory's folder so the folder can be moved.
 * Written as text (not through a YAML mapper) to keep the comment and the one-line {@code ssh:} maps.
 */
public final class LabInventoryWriter {

    public static final String FILE_NAME = "inventory.yml";
    public static final String KNOWN_HOSTS_FILE_NAME = "known_hosts";

    private static final Pattern PLAIN_SCALAR = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./:-]*");

    private LabInventoryWriter() {
    }

    public static String render(List<LabInventoryHost> hosts, Path inventoryFolder, Path privateKey, Path knownHosts) {
        List<LabInventoryHost> sorted = hosts.stream().sorted(Comparator.comparing(LabInventoryWriter::hostOrder)).toList();
        String key = relative(inventoryFolder, privateKey);
        String known = relative(inventoryFolder, knownHosts);
        StringBuilder yaml = new StringBuilder()
                .append("# written by `steward lab up`; lab hosts are disposable\n")
                .append("all:\n")
                .append("  vars: {stage: lab}\n")
                .append("  hosts:\n");
        for (LabInventoryHost host : sorted) {
            yaml.append("    ").append(scalar(host.name())).append(":\n")
                    .append("      address: ").append(scalar(host.address()))
                    .append("        # the container's IP: what other hosts use to reach it\n")
                    .append("      ssh: {host: ").append(scalar(host.sshHost()))
                    .append(", port: ").append(host.sshPort())
                    .append(", user: ").append(scalar(host.user()))
                    .append(", private_key: ").append(scalar(key))
                    .append(", known_hosts: ").append(scalar(known))
                    .append(", host_key_checking: accept-new}\n");
        }
        yaml.append("  children:\n").append("    lab:\n").append("      hosts:\n");
        for (LabInventoryHost host : sorted) {
            yaml.append("        ").append(scalar(host.name())).append(": {}\n");
        }
        return yaml.toString();
    }

    /** Writes {@code folder/inventory.yml} atomically and returns its path. */
    public static Path write(List<LabInventoryHost> hosts, Path folder, Path privateKey, Path knownHosts) {
        Path file = folder.resolve(FILE_NAME);
        writeAtomically(file, render(hosts, folder, privateKey, knownHosts));
        return file;
    }

    static void writeAtomically(Path file, String text) {
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String relative(Path folder, Path file) {
        Path absoluteFolder = folder.toAbsolutePath().normalize();
        Path absoluteFile = file.toAbsolutePath().normalize();
        return absoluteFile.startsWith(absoluteFolder)
                ? absoluteFolder.relativize(absoluteFile).toString()
                : absoluteFile.toString();
    }

    /** lab2 before lab10. */
    private static String hostOrder(LabInventoryHost host) {
        String digits = host.name().replaceAll("\\D", "");
        return String.format("%s%09d", host.name().replaceAll("\\d", ""), digits.isEmpty() ? 0 : Long.parseLong(digits));
    }

    private static String scalar(String text) {
        if (PLAIN_SCALAR.matcher(text).matches()) {
            return text;
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
