package dev.steward.source;

import java.nio.file.Path;

/** A place in a source file, 1-based, printed the way editors and compilers do: {@code file:line:column}. */
public record SourceLocation(String file, int line, int column) {

    public static final SourceLocation UNKNOWN = new SourceLocation("<unknown>", 0, 0);

    public static SourceLocation of(Path file, int line, int column) {
        return new SourceLocation(file.toString(), line, column);
    }

    @Override
    public String toString() {
        return line <= 0 ? file : file + ":" + line + ":" + column;
    }
}
