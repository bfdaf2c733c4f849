package dev.steward.inventory;

import java.nio.file.Path;

/** Who runs Steward: the default SSH user and the home folder {@code ~} expands to. */
public record LocalUser(String name, Path home) {

    public static LocalUser current() {
        return new LocalUser(System.getProperty("user.name"), Path.of(System.getProperty("user.home")));
    }
}
