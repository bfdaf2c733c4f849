package dev.steward.transport.ssh;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A command's stdin that sends everything before the EOF. sshj's channel stream, on close,
 * flushes without waiting for the remote window and then sends EOF: when the host has not yet
 * opened its window again, the last buffered packet (up to 32 KiB) is silently dropped. Flushing
 * first waits for the window, so the command receives every byte.
 */
final class FlushBeforeEof extends FilterOutputStream {

    private boolean closed;

    FlushBeforeEof(OutputStream channelStream) {
        super(channelStream);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.flush();
        } finally {
            out.close();
        }
    }
}
