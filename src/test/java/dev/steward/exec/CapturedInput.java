package dev.steward.exec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A scripted command's stdin: keeps every byte written, and tells when the writer closed it. */
public final class CapturedInput extends OutputStream {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
    }

    @Override
    public void close() {
        closed.countDown();
    }

    /** Waits until the writer closed the stream, at most {@code limit}; true when it did. */
    boolean awaitClosed(Duration limit) throws InterruptedException {
        return closed.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
