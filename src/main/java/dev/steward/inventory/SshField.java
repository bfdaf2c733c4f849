package dev.steward.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The keys of an inventory {@code ssh:} map. */
enum SshField {
    HOST("host"),
    PORT("port"),
    USER("user"),
    PRIVATE_KEY("private_key"),
    PASSWORD("password"),
    KNOWN_HOSTS("known_hosts"),
    HOST_KEY_CHECKING("host_key_checking"),
    JUMP("jump"),
    CONNECT_TIMEOUT("connect_timeout"),
    BECOME_PASSWORD("become_password");

    static final List<String> KEYS = Arrays.stream(values()).map(f -> f.key).toList();

    final String key;

    SshField(String key) {
        this.key = key;
    }

    static Optional<SshField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
