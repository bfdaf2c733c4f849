package dev.steward.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a vault's plaintext lives while an editor has it: a 0600 file in a fresh 0700 folder under
 * {@code /dev/shm} (memory, never a disk) when that exists, else under the temporary folder. Closing
 * overwrites the file and removes the folder with everything the editor left in it (swap and backup
 * files); a shutdown hook does the same when the JVM ends first (Ctrl-C, a kill).
 */
public final class PlaintextScratch implements AutoCloseable {

    static final Path MEMORY = Path.of("/dev/shm");

    private final Path dir;
    private final Path file;
    private final Thread hook;

    private PlaintextScratch(Path dir, Path file) {
        this.dir = dir;
        this.file = file;
        this.hook = new Thread(this::remove, "steward-vault-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A scratch file named {@code name} (so the editor recognises YAML) holding {@code text}. */
    public static PlaintextScratch create(String name, String text) {
        Path base = Files.isDirectory(MEMORY) && Files.isWritable(MEMORY) ? MEMORY
                : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Path dir = Files.createTempDirectory(base, "steward-vault-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path file = Files.createFile(dir.resolve(name),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            PlaintextScratch scratch = new PlaintextScratch(dir, file);
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException | RuntimeException e) {
                scratch.close();
                throw e;
            }
            return scratch;
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot make a private scratch file under " + base
                    + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    public String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.IO, "cannot read the edited file " + file + ": "
                    + e.getMessage() + "; the vault is unchanged");
        }
    }

    @Override
    public void close() {
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs remove() again, which is harmless
        }
    }

    private synchronized void remove() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                if (Files.isRegularFile(p)) {
                    overwrite(p);
                }
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("WARNING: could not remove the plaintext in " + dir + ": " + e.getMessage()
                    + "; remove it yourself");
        }
    }

    private static void overwrite(Path p) throws IOException {
        long size = Files.size(p);
        if (size > 0 && Files.isWritable(p)) {
            Files.write(p, new byte[(int) Math.min(size, Integer.MAX_VALUE)], StandardOpenOption.TRUNCATE_EXISTING);
        }
    }
}
