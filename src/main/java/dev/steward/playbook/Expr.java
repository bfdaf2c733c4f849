package dev.steward.playbook;

import dev.steward.source.SourceLocation;

/** A bare FreeMarker expression from the playbook ({@code when}, {@code until}…) and where it was written. */
public record Expr(String text, SourceLocation where) {
}
