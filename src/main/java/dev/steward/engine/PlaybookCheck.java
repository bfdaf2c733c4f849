package dev.steward.engine;

import dev.steward.inventory.Inventory;
import dev.steward.playbook.Play;
import dev.steward.playbook.Playbook;
import dev.steward.playbook.Task;
import dev.steward.source.Problems;
import dev.steward.source.YNode;
import dev.steward.template.TemplateEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks across a whole playbook that no single task can see: handlers notified but never defined,
 * templates and files that do not exist. Runs before any connection, in {@code play} and {@code check}.
 */
final class PlaybookCheck {

    private final TemplateEngine templates;
    private final Inventory inventory;
    private final Map<String, Object> extraVars;

    PlaybookCheck(TemplateEngine templates, Inventory inventory, Map<String, Object> extraVars) {
        this.templates = templates;
        this.inventory = inventory;
        this.extraVars = extraVars;
    }

    void check(Playbook playbook, Problems problems) {
        for (Play play : playbook.plays()) {
            Set<String> handlerNames = new HashSet<>();
            for (Task h : play.handlers()) {
                handlerNames.add(h.name());
                handlerNames.addAll(h.listen());
            }
            for (Task t : play.allTasks()) {
                for (String n : t.notifies()) {
                    if (!handlerNames.contains(n) && !n.contains("${")) {
                        problems.add(t.location(), "task '" + t.title() + "' notifies '" + n
                                + "', but the play has no handler of that name",
                                dev.steward.source.Suggestions.didYouMean(n, handlerNames).isEmpty()
                                        ? "add it under 'handlers:'" : dev.steward.source.Suggestions.didYouMean(n,
                                                handlerNames));
                    }
                }
                checkLocalFile(t, playbook, problems);
            }
        }
    }

    /** A literal {@code src} of template or copy must exist on the controller. */
    private static void checkLocalFile(Task t, Playbook playbook, Problems problems) {
        String folder = switch (t.module()) {
            case "template" -> "templates";
            case "copy" -> "files";
            default -> null;
        };
        if (folder == null || !(t.args() instanceof YNode.YMap m) || !(m.get("src") instanceof YNode.YScalar src)
                || src.text().contains("${")) {
            return;
        }
        List<Path> candidates = dev.steward.exec.FileLookup.candidates(src.text(), folder, t.baseDir(), playbook.dir());
        if (candidates.stream().noneMatch(Files::isRegularFile)) {
            problems.add(src.location(), t.module() + ": '" + src.text() + "' not found",
                    "looked in " + candidates);
        }
    }

}
