package dev.steward.remote;

import java.util.Arrays;

/**
 * Passes a byte stream through to a sink, removing each occurrence of a token and reporting it,
 * even when the token is split across reads. Used to spot sudo's prompt and the become marker.
 * Not thread-safe: one pump thread feeds it.
 */
final class TokenFilter {

    interface Sink {
        void write(byte[] bytes, int offset, int length);
    }

    private final byte[] token;
    private final Sink sink;
    private final Runnable onToken;
    private byte[] pending = new byte[0];
    private boolean scanning = true;

    TokenFilter(byte[] token, Sink sink, Runnable onToken) {
        this.token = token.clone();
        this.sink = sink;
        this.onToken = onToken;
    }

    void feed(byte[] bytes, int offset, int length) {
        if (!scanning) {
            sink.write(bytes, offset, length);
            return;
        }
        byte[] data = new byte[pending.length + length];
        System.arraycopy(pending, 0, data, 0, pending.length);
        System.arraycopy(bytes, offset, data, pending.length, length);
        pending = new byte[0];
        int start = 0;
        int found;
        while (scanning && (found = indexOf(data, start)) >= 0) {
            sink.write(data, start, found - start);
            start = found + token.length;
            onToken.run();
        }
        if (!scanning) {
            sink.write(data, start, data.length - start);
            pending = new byte[0];
            return;
        }
        // keep a tail that may be the start of a token split across reads
        int keep = Math.min(data.length - start, token.length - 1);
        sink.write(data, start, data.length - start - keep);
        pending = Arrays.copyOfRange(data, data.length - keep, data.length);
    }

    /** From now on everything passes through unchanged. */
    void stopScanning() {
        if (scanning) {
            scanning = false;
            flush();
        }
    }

    void finish() {
        flush();
    }

    private void flush() {
        sink.write(pending, 0, pending.length);
        pending = new byte[0];
    }

    private int indexOf(byte[] data, int from) {
        outer:
        for (int i = from; i <= data.length - token.length; i++) {
            for (int j = 0; j < token.length; j++) {
                if (data[i + j] != token[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
