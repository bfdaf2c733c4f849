package dev.steward.cli;

import dev.steward.engine.Engine;
import dev.steward.exec.TagFilter;
import dev.steward.inventory.Host;
import dev.steward.playbook.Block;
import dev.steward.playbook.Play;
import dev.steward.playbook.Task;
import dev.steward.playbook.TaskItem;
import dev.steward.playbook.TaskOptions;
import java.util.List;
import java.util.Map;

/** {@code --list-hosts} and {@code --list-tasks}, printed the way ansible-playbook prints them. */
final class PlaybookListing {

    private final Engine.Prepared prepared;
    private final TagFilter tags;

    PlaybookListing(Engine.Prepared prepared, TagFilter tags) {
        this.prepared = prepared;
        this.tags = tags;
    }

    String render(boolean hosts, boolean tasks) {
        StringBuilder out = new StringBuilder("\nplaybook: " + prepared.playbook().file() + "\n");
        int n = 1;
        for (Map.Entry<Play, List<Host>> e : prepared.plays()) {
            Play play = e.getKey();
            out.append("\n  play #").append(n++).append(" (").append(play.hosts()).append("): ").append(play.title())
                    .append("\n");
            if (hosts) {
                out.append("    pattern: ").append(play.hosts()).append("\n    hosts (").append(e.getValue().size())
                        .append("):\n");
                e.getValue().forEach(h -> out.append("      ").append(h.name()).append("\n"));
            }
            if (tasks) {
                out.append("    tasks:\n");
                for (List<TaskItem> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
                    list(section, play.options(), out);
                }
            }
        }
        return out.toString();
    }

    private void list(List<TaskItem> items, TaskOptions outer, StringBuilder out) {
        for (TaskItem item : items) {
            if (item instanceof Task t) {
                Task task = t.inside(outer);
                if (tags.selects(task.options().tags())) {
                    out.append("      ").append(task.title()).append("\tTAGS: [")
                            .append(String.join(", ", task.options().tags())).append("]\n");
                }
            } else if (item instanceof Block b) {
                TaskOptions inner = b.options().inside(outer);
                list(b.block(), inner, out);
                list(b.rescue(), inner, out);
                list(b.always(), inner, out);
            }
        }
    }
}
