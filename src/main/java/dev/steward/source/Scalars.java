package dev.steward.source;

import dev.steward.source.YNode.YScalar;
import java.util.Optional;

/** Typing scalars by what the schema expects, from their source text. */
public final class Scalars {

    private Scalars() {
    }

    /** true/false, and Ansible's yes/no/on/off, for fields that expect a boolean. */
    public static Optional<Boolean> bool(YNode n) {
        if (!(n instanceof YScalar s)) {
            return Optional.empty();
        }
        return bool(s.text());
    }

    public static Optional<Boolean> bool(String text) {
        return switch (text.toLowerCase()) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    public static Optional<Long> integer(YNode n) {
        if (!(n instanceof YScalar s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(s.text().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
