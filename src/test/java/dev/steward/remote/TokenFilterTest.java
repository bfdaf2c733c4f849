package dev.steward.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenFilterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AtomicInteger seen = new AtomicInteger();
    private final TokenFilter filter = new TokenFilter(bytes("[PROMPT]"), out::write, seen::incrementAndGet);

    @Test
    void removesTokensSplitAcrossReadsAndKeepsEverythingElseInOrder() {
        String stream = "before[PROMPT]middle[PROMPT]after";
        for (int i = 0; i < stream.length(); i++) {
            filter.feed(bytes(stream.substring(i, i + 1)), 0, 1);
        }
        filter.finish();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("beforemiddleafter");
        assertThat(seen).hasValue(2);
    }

    @Test
    void passesEverythingThroughOnceScanningStops() {
        filter.feed(bytes("a[PRO"), 0, 5);
        filter.stopScanning();
        filter.feed(bytes("MPT]b[PROMPT]"), 0, 13);
        filter.finish();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a[PROMPT]b[PROMPT]");
        assertThat(seen).hasValue(0);
    }

    @Test
    void aPartialTokenAtTheEndIsKept() {
        filter.feed(bytes("x[PROM"), 0, 6);
        filter.finish();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("x[PROM");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
