package dev.steward.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HandshakesTest {

    @Test
    void neverRunsMoreHandshakesAtOnceThanTheLimit() throws Exception {
        Handshakes handshakes = new Handshakes(3);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                results.add(pool.submit(() -> handshakes.run(() -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.sleep(5);
                    running.decrementAndGet();
                    return n;
                })));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(results.get(i).get()).isEqualTo(i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mostAtOnce.get()).isBetween(1, 3);
        assertThat(Handshakes.withDefaultLimit().limit()).isEqualTo(16);
    }
}
