package dev.steward.transport.ssh;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * A command's stdin that sends everything before the EOF. sshj's channel stream, on close,
 * flushes without waiting for the remote window and then sends EOF: when the host has not yet
 * opened its window again, the last buffered packet (up to 32 KiB) is silently dropped. Flushing
 * first waits for the window, so the command receives every byte. A command that has already
 * ended and closed its channel reads nothing more: closing its stdin then is not an error.
 */
final class FlushBeforeEof extends FilterOutputStream {

    private final BooleanSupplier channelOpen;
    private boolean closed;

    FlushBeforeEof(OutputStream channelStream, BooleanSupplier channelOpen) {
        super(channelStream);
        this.channelOpen = channelOpen;
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
        } catch (IOException e) {
            if (channelOpen.getAsBoolean()) {
                throw e;
            }
            // the command ended and closed its channel first: there is no one left to send to
        } finally {
            out.close();
        }
    }
}
