package dev.steward.secrets;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The values that came out of a vault during a run: every scalar of every decrypted file. The
 * engine adds them to the secrets its reporters mask. Safe to fill from several threads.
 */
public final class SecretValues {

    private final Set<String> values = new LinkedHashSet<>();

    public synchronized void add(String value) {
        if (value != null && !value.isEmpty()) {
            values.add(value);
        }
    }

    /** A snapshot of what was collected so far. */
    public synchronized List<String> values() {
        return List.copyOf(values);
    }
}
