package dev.steward.cli;

import dev.steward.upgrade.UpgradeReportHtml;
import dev.steward.upgrade.UpgradeTimeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The --report file of upgrade: checked before anything runs, written whatever the run's end. */
final class UpgradeReportFile {

    private UpgradeReportFile() {
    }

    /** Why the file could not be written, or empty when it can (or no --report was given). */
    static Optional<String> problem(Path report) {
        if (report == null) {
            return Optional.empty();
        }
        Path file = report.toAbsolutePath();
        Path parent = file.getParent();
        if (Files.isDirectory(file)) {
            return Optional.of("is a directory; give a file name such as upgrade.html");
        }
        if (parent == null || !Files.isDirectory(parent)) {
            return Optional.of("the directory " + parent + " does not exist; create it or choose another path");
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(parent)) {
            return Optional.of("cannot be written (permissions); choose another path");
        }
        return Optional.empty();
    }

    static void write(Path report, UpgradeTimeline timeline) {
        try {
            Files.writeString(report, UpgradeReportHtml.render(timeline));
            System.err.println("steward: the run's picture is in " + report);
        } catch (IOException e) {
            System.err.println("steward: could not write --report " + report + ": " + e.getMessage());
        }
    }
}
