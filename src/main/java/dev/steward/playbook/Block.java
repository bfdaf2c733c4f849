package dev.steward.playbook;

import dev.steward.source.SourceLocation;
import java.util.List;

/**
 * A group of tasks with {@code rescue} and {@code always}, and keywords that apply to every task
 * inside. Imports, includes and roles are blocks too ({@link Kind}).
 *
 * @param name for includes and roles, what was included ("include_tasks: x.yml", "role: db")
 */
public record Block(String name, SourceLocation location, Kind kind, List<TaskItem> block, List<TaskItem> rescue,
        List<TaskItem> always, TaskOptions options) implements TaskItem {

    public enum Kind {
        BLOCK,
        /** {@code import_tasks}: static; its conditions apply to each task, as a block's do. */
        IMPORT,
        /** {@code include_tasks}: its conditions are evaluated once, when the include is reached. */
        INCLUDE,
        ROLE
    }

    public Block {
        block = List.copyOf(block);
        rescue = List.copyOf(rescue);
        always = List.copyOf(always);
    }
}
