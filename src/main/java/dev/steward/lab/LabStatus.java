package dev.steward.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A lab's hosts as Docker reports them, and its inventory file when one was written. */
public record LabStatus(List<LabHost> hosts, Optional<Path> inventory) {

    public LabStatus {
        hosts = List.copyOf(hosts);
    }
}
