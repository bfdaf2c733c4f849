package dev.steward.playbook;

import dev.steward.source.SourceLocation;

/** What a task list holds: a task, or a block of tasks (blocks also stand for includes and roles). */
public sealed interface TaskItem permits Task, Block {

    SourceLocation location();

    TaskOptions options();
}
