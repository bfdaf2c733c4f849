package dev.steward.exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where a task's template or file is looked for, in order: the role's (or task's) folder, the
 * playbook's folder, then the project's top-level {@code templates/} or {@code files/}.
 */
public final class FileLookup {

    private FileLookup() {
    }

    public static List<Path> candidates(String name, String folder, Path taskDir, Path playbookDir) {
        if (Path.of(name).isAbsolute()) {
            return List.of(Path.of(name));
        }
        LinkedHashSet<Path> out = new LinkedHashSet<>();
        for (Path dir : new Path[] {taskDir, playbookDir}) {
            out.add(dir.resolve(folder).resolve(name).normalize());
            out.add(dir.resolve(name).normalize());
        }
        if (playbookDir.getParent() != null) {
            out.add(playbookDir.getParent().resolve(folder).resolve(name).normalize());
        }
        return new ArrayList<>(out);
    }
}
