package dev.steward.remote;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code limit} bytes of a stream and counts the rest, so huge output cannot exhaust memory. */
final class HeadCapture {

    private final int limit;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private long total;

    HeadCapture(int limit) {
        this.limit = limit;
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        int room = Math.min(length, Math.max(0, limit - head.size()));
        head.write(bytes, offset, room);
        total += length;
    }

    synchronized boolean truncated() {
        return total > head.size();
    }

    synchronized long totalBytes() {
        return total;
    }

    synchronized String text() {
        return head.toString(StandardCharsets.UTF_8);
    }
}
