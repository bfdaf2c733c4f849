package dev.steward.transport.ssh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One known_hosts file, read fresh for every connection and appended to under a lock: an in-JVM
 * monitor per file (hosts connect in parallel) plus a file lock (another process may append too).
 */
final class KnownHostsFile {

    private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path path;

    KnownHostsFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    Path path() {
        return path;
    }

    /**
     * The entries, read now (the file is small: reading it costs far less than a handshake, and a
     * fresh read sees what other threads and processes appended); an absent file has none.
     * Unparseable lines are skipped, as OpenSSH does.
     */
    List<KnownHostsLines.Entry> read() throws IOException {
        synchronized (monitor()) {
            return parse(Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "");
        }
    }

    /**
     * Appends {@code line} unless {@code stillMissing} says, after re-reading under the lock, that
     * another thread or process already recorded a key for this host.
     */
    void appendIfStillMissing(String line, StillMissing stillMissing) throws IOException {
        synchronized (monitor()) {
            createParentDirectory();
            try (FileChannel channel = openCreatingPrivately()) {
                FileLock lock = channel.lock();
                try {
                    String content = readAll(channel);
                    if (!stillMissing.test(parse(content))) {
                        return;
                    }
                    String prefix = content.isEmpty() || content.endsWith("\n") ? "" : "\n";
                    channel.position(channel.size());
                    ByteBuffer bytes = ByteBuffer.wrap((prefix + line + "\n").getBytes(StandardCharsets.UTF_8));
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                    channel.force(false);
                } finally {
                    lock.release();
                }
            }
        }
    }

    interface StillMissing {
        boolean test(List<KnownHostsLines.Entry> current) throws IOException;
    }

    private Object monitor() {
        return MONITORS.computeIfAbsent(path, p -> new Object());
    }

    private void createParentDirectory() throws IOException {
        Path dir = path.getParent();
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** A new file gets mode 600, like OpenSSH's; an existing one keeps its mode. */
    private FileChannel openCreatingPrivately() throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (POSIX) {
            return FileChannel.open(path, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(path, options);
    }

    private static String readAll(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
        channel.position(0);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading until full
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static List<KnownHostsLines.Entry> parse(String content) {
        return KnownHostsLines.parse(content);
    }
}
