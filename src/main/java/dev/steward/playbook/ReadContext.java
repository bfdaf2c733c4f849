package dev.steward.playbook;

import dev.steward.source.Problems;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a task list is being read: the folder its templates, files and includes are found from,
 * the files being included (to refuse loops), and whether the list holds handlers.
 */
record ReadContext(Path baseDir, Path currentDir, List<Path> including, boolean handlers, Problems problems,
        ModuleCatalog modules) {

    ReadContext including(Path file) {
        List<Path> chain = new java.util.ArrayList<>(including);
        chain.add(file);
        return new ReadContext(baseDir, file.getParent(), List.copyOf(chain), handlers, problems, modules);
    }

    ReadContext forHandlers() {
        return new ReadContext(baseDir, currentDir, including, true, problems, modules);
    }

    ReadContext inRole(Path roleDir) {
        return new ReadContext(roleDir, roleDir.resolve("tasks"), including, handlers, problems, modules);
    }
}
