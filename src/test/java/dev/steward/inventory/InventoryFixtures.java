package dev.steward.inventory;

import java.nio.file.Path;

/** The test inventories under src/test/resources/inventory, read as a fixed local user. */
final class InventoryFixtures {

    static final LocalUser TESTER = new LocalUser("tester", Path.of("/home/tester"));
    static final Path ROOT = Path.of("src/test/resources/inventory");

    private InventoryFixtures() {
    }

    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    static Inventory read(String relative) {
        return new InventoryReader(TESTER).readFile(file(relative));
    }

    /** Where a relative path in an inventory resolves: against the inventory file's folder. */
    static Path besides(String inventory, String relative) {
        return file(inventory).toAbsolutePath().getParent().resolve(relative).normalize();
    }
}
