package dev.steward.remote;

import java.util.Optional;

/**
 * Run a command as another user through sudo.
 *
 * @param user the target user, {@code root} when null or blank
 * @param password sudo's password for the login user, or empty when sudo needs none
 */
public record Become(String user, Optional<String> password) {

    public Become {
        user = user == null || user.isBlank() ? "root" : user;
        password = password == null ? Optional.empty() : password;
    }

    public static Become root() {
        return new Become("root", Optional.empty());
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "Become[user=" + user + ", password=" + (password.isPresent() ? "***" : "none") + "]";
    }
}
