package dev.steward.playbook;

import java.util.Optional;

/**
 * A play's {@code order}: the inventory's, reversed, sorted by name, shuffled, or by an expression
 * evaluated per host with its variables and facts ({@code order: "lease_holder"} puts the hosts where
 * it is false first, then those where it is true: standbys first, the lease holder last).
 */
public record HostOrder(Kind kind, Optional<Expr> expression) {

    public enum Kind { INVENTORY, REVERSE_INVENTORY, SORTED, REVERSE_SORTED, SHUFFLE, EXPRESSION }

    public static final HostOrder INVENTORY = new HostOrder(Kind.INVENTORY, Optional.empty());

    public static HostOrder of(String text, Expr where) {
        return switch (text) {
            case "inventory" -> INVENTORY;
            case "reverse_inventory" -> new HostOrder(Kind.REVERSE_INVENTORY, Optional.empty());
            case "sorted" -> new HostOrder(Kind.SORTED, Optional.empty());
            case "reverse_sorted" -> new HostOrder(Kind.REVERSE_SORTED, Optional.empty());
            case "shuffle" -> new HostOrder(Kind.SHUFFLE, Optional.empty());
            default -> new HostOrder(Kind.EXPRESSION, Optional.of(where));
        };
    }
}
