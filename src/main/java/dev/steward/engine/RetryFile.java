package dev.steward.engine;

import dev.steward.report.Reporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * When hosts fail, their names go to {@code .steward/retry/PLAYBOOK.hosts}, so the next run can
 * take {@code --limit @.steward/retry/PLAYBOOK.hosts}. A run where every host is fine removes it.
 */
final class RetryFile {

    private RetryFile() {
    }

    static Path of(Path workDir, Path playbook) {
        String name = playbook.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return workDir.resolve(Path.of(".steward", "retry", name + ".hosts"));
    }

    static void update(Path workDir, Path playbook, List<String> failedHosts, Reporter reporter) {
        Path file = of(workDir, playbook);
        try {
            if (failedHosts.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", failedHosts) + "\n");
            reporter.warning("to retry the hosts that failed, use: --limit @" + file);
        } catch (IOException e) {
            reporter.warning("could not write the retry file " + file + ": " + e.getMessage());
        }
    }
}
