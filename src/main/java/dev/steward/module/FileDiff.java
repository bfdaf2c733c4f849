package dev.steward.module;

/** A file's content before and after a change, for {@code --diff}. */
public record FileDiff(String path, String before, String after) {
}
