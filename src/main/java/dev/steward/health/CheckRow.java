package dev.steward.health;

import java.util.Objects;

/**
 * One check's outcome on one host (or, for the lease rule, on the {@code chainlink} group).
 *
 * @param detail what was measured or what went wrong, in a few words; never a secret
 */
public record CheckRow(String host, String check, Status status, String detail) {

    public CheckRow {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public static CheckRow ok(String host, String check, String detail) {
        return new CheckRow(host, check, Status.OK, detail);
    }

    public static CheckRow warn(String host, String check, String detail) {
        return new CheckRow(host, check, Status.WARN, detail);
    }

    public static CheckRow fail(String host, String check, String detail) {
        return new CheckRow(host, check, Status.FAIL, detail);
    }
}
