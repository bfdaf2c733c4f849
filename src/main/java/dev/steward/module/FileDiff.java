package dev.steward.module;

/**
 * A file's change, for {@code --diff}. The old content is read only when a diff is asked for, so a
 * run without {@code --diff} pays no extra round trip.
 */
public record FileDiff(String path, Before before, String after) {

    /** Reads the file's current content from the host (empty when it does not exist yet). */
    @FunctionalInterface
    public interface Before {
        String read() throws Exception;
    }
}
