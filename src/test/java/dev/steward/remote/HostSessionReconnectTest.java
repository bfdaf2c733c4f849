package dev.steward.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.transport.Connection;
import dev.steward.transport.TransportException;
import dev.steward.transport.local.LocalConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The hook {@code reboot} uses: a view asks its session for a new connection, opened through the connector. */
class HostSessionReconnectTest {

    @Test
    void reconnectClosesTheOldConnectionAndRetriesTheOpenerUntilItAnswers() throws Exception {
        List<LocalConnection> opened = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        LocalConnection first = new LocalConnection();
        HostSession session = new HostSession("h", first, () -> {
            if (attempts.incrementAndGet() < 2) {
                throw new TransportException(TransportException.Reason.CONNECT_FAILED, "connection refused");
            }
            LocalConnection c = new LocalConnection();
            opened.add(c);
            return c;
        });
        Apply view = session.view(Optional.empty(), Duration.ofSeconds(10));
        view.reconnect(Duration.ofSeconds(10));
        assertThat(attempts).hasValue(2);
        assertThat(first.isOpen()).isFalse();
        assertThat(opened).hasSize(1);
        assertThat(view.query("echo again").stdout()).isEqualTo("again\n"); // the same view uses the new connection
    }

    @Test
    void reconnectGivesUpAfterTheTimeoutWithTheLastReason() {
        HostSession session = new HostSession("h", new LocalConnection(), () -> {
            throw new TransportException(TransportException.Reason.CONNECT_FAILED, "no route to host");
        });
        assertThatThrownBy(() -> session.view(Optional.empty(), Duration.ofSeconds(10)).reconnect(Duration.ZERO))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("SSH did not answer within 0 s").hasMessageContaining("no route to host");
    }

    @Test
    void aSessionWithoutAnOpenerCannotReconnect() {
        Connection local = new LocalConnection();
        HostSession session = new HostSession("h", local);
        assertThatThrownBy(() -> session.view(Optional.empty(), Duration.ofSeconds(10)).reconnect(Duration.ofSeconds(1)))
                .isInstanceOf(TransportException.class).hasMessageContaining("cannot reconnect");
        assertThat(local.isOpen()).isTrue();
    }
}
