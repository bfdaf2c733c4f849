package dev.steward.module.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The upload's progress lines: one every few seconds with bytes of total, and one at the end. */
class UploadProgressTest {

    @Test
    void reportsEveryThreeSecondsAndOnceWhenDone() throws IOException {
        AtomicLong clock = new AtomicLong();
        List<String> lines = new ArrayList<>();
        byte[] data = new byte[4_000_000];
        try (UploadProgress in = new UploadProgress(new ByteArrayInputStream(data), "web.tar", data.length, lines::add,
                clock::get)) {
            byte[] buf = new byte[1_000_000];
            in.read(buf); // 1 MB at t=0: too early for a line
            clock.set(3_000_000_000L);
            in.read(buf); // 2 MB at t=3 s
            clock.set(4_000_000_000L);
            in.read(buf); // 3 MB at t=4 s: only a second after the last line
            in.read(buf);
            clock.set(8_000_000_000L);
            assertThat(in.read(buf)).isEqualTo(-1);
            assertThat(in.read(buf)).isEqualTo(-1);
        }
        assertThat(lines).containsExactly("uploading web.tar: 2.0 MB of 4.0 MB (50%)",
                "uploaded web.tar: 4.0 MB in 8.0 s");
    }
}
