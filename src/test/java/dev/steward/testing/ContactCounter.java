package dev.steward.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listening socket on 127.0.0.1 that counts the connections made to it: inventories point their
 * hosts at its port, so a test can prove that {@code check} (or a refused {@code play}) contacted no host.
 */
public final class ContactCounter implements AutoCloseable {

    private final ServerSocket listener;
    private final AtomicInteger contacts = new AtomicInteger();

    public ContactCounter() {
        try {
            listener = new ServerSocket(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    contacts.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "contact-counter");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public int contacts() {
        return contacts.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
