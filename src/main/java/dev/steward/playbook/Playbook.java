package dev.steward.playbook;

import java.nio.file.Path;
import java.util.List;

/** A parsed playbook: its plays in order. {@code dir} anchors relative paths (templates, files). */
public record Playbook(Path file, Path dir, List<Play> plays) {

    public Playbook {
        plays = List.copyOf(plays);
    }
}
