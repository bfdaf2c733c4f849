package dev.steward.module.docker;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * An upload's stdin that reports how far it has got: a line "uploading NAME: 120.0 MB of 280.0 MB
 * (43%)" every few seconds, and one when it is done. The clock is given, for tests.
 */
final class UploadProgress extends FilterInputStream {

    static final long EVERY_NANOS = 3_000_000_000L;

    private final String name;
    private final long total;
    private final Consumer<String> report;
    private final LongSupplier clock;
    private final long started;
    private long sent;
    private long lastReport;
    private boolean finished;

    UploadProgress(InputStream in, String name, long total, Consumer<String> report, LongSupplier clock) {
        super(in);
        this.name = name;
        this.total = total;
        this.report = report;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastReport = started;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        count(n);
        return n;
    }

    private void count(int n) {
        if (n < 0) {
            if (!finished) {
                finished = true;
                double seconds = (clock.getAsLong() - started) / 1e9;
                report.accept(String.format(Locale.ROOT, "uploaded %s: %s in %.1f s", name, megabytes(sent), seconds));
            }
            return;
        }
        sent += n;
        long now = clock.getAsLong();
        if (now - lastReport >= EVERY_NANOS) {
            lastReport = now;
            report.accept(String.format(Locale.ROOT, "uploading %s: %s of %s (%d%%)", name, megabytes(sent),
                    megabytes(total), total == 0 ? 100 : sent * 100 / total));
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
