package dev.steward.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** An inventory of one host, web1, on a local port where nothing listens: any connection is refused. */
public final class UnreachableInventory {

    private UnreachableInventory() {
    }

    public static Path writeTo(Path dir) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return Files.writeString(dir.resolve("inventory.yml"), """
                all:
                  hosts:
                    web1:
                      ssh: {host: 127.0.0.1, port: %d, user: nobody, host_key_checking: off}
                """.formatted(port));
    }
}
