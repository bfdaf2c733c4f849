package dev.steward.inventory;

import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import dev.steward.source.Suggestions;
import dev.steward.transport.SshEndpoint.HostKeyChecking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Types the text of one SSH setting, the same way for YAML and INI inventories. Relative paths
 * resolve against the inventory file's folder (so an inventory works from any working directory);
 * {@code ~} expands to the home folder.
 */
final class SshValueParser {

    private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,6})\\s*(s|m)?");
    private static final Pattern JUMP = Pattern.compile("(?:[^@\\s]+@)?([^@:\\s]+|\\[[0-9a-fA-F:]+])(?::(\\S*))?");
    private static final List<String> HOST_KEY_CHECKING = List.of("strict", "accept-new", "off");

    private final Path inventoryFolder;
    private final Path home;

    SshValueParser(Path inventoryFolder, Path home) {
        this.inventoryFolder = inventoryFolder;
        this.home = home;
    }

    /**
     * @param owner for messages: "host 'web1'", "group 'db'"
     * @return the typed value, or empty after adding a problem
     */
    Optional<Object> parse(SshField field, String text, SourceLocation at, String owner, Problems problems) {
        String what = "ssh '" + field.key + "' of " + owner;
        String value = text.trim();
        switch (field) {
            case HOST, USER -> {
                if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
                    problems.add(at, what + " must be a name without spaces, not '" + text + "'");
                    return Optional.empty();
                }
                return Optional.of(value);
            }
            case PASSWORD, BECOME_PASSWORD -> {
                return Optional.of(text); // kept exactly: spaces may be part of a password
            }
            case PORT -> {
                return port(value, at, what, problems).map(p -> p);
            }
            case PRIVATE_KEY, KNOWN_HOSTS -> {
                if (value.isEmpty()) {
                    problems.add(at, what + " must be a file path, not empty");
                    return Optional.empty();
                }
                return Optional.of(path(value));
            }
            case HOST_KEY_CHECKING -> {
                return hostKeyChecking(value, at, what, problems).map(h -> h);
            }
            case JUMP -> {
                return jump(value, at, what, problems).map(j -> j);
            }
            case CONNECT_TIMEOUT -> {
                return timeout(value, at, what, problems).map(d -> d);
            }
        }
        throw new IllegalStateException("unhandled ssh field " + field);
    }

    Path path(String text) {
        if (text.equals("~")) {
            return home;
        }
        if (text.startsWith("~/")) {
            return home.resolve(text.substring(2)).normalize();
        }
        return inventoryFolder.resolve(text).toAbsolutePath().normalize();
    }

    private static Optional<Integer> port(String value, SourceLocation at, String what, Problems problems) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return Optional.of(port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(at, what + " must be a whole number from 1 to 65535, not '" + value + "'");
        return Optional.empty();
    }

    private static Optional<HostKeyChecking> hostKeyChecking(String value, SourceLocation at, String what,
            Problems problems) {
        return switch (value) {
            case "strict" -> Optional.of(HostKeyChecking.STRICT);
            case "accept-new" -> Optional.of(HostKeyChecking.ACCEPT_NEW);
            case "off" -> Optional.of(HostKeyChecking.OFF);
            default -> {
                String hint = Suggestions.didYouMean(value, HOST_KEY_CHECKING);
                problems.add(at, what + " must be strict, accept-new or off, not '" + value + "'",
                        hint.isEmpty() ? "strict is the safe choice; accept-new trusts a host's first key" : hint);
                yield Optional.empty();
            }
        };
    }

    private static Optional<String> jump(String value, SourceLocation at, String what, Problems problems) {
        Matcher m = JUMP.matcher(value);
        if (m.matches() && (m.group(2) == null || port(m.group(2), at, what, problems).isPresent())) {
            return Optional.of(value);
        }
        if (!m.matches()) {
            problems.add(at, what + " must be an inventory host name or user@host:port, not '" + value + "'");
        }
        return Optional.empty();
    }

    private static Optional<Duration> timeout(String value, SourceLocation at, String what, Problems problems) {
        Matcher m = TIMEOUT.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration d = "m".equals(m.group(2)) ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
            if (!d.isZero()) {
                return Optional.of(d);
            }
        }
        problems.add(at, what + " must be a number of seconds greater than 0 (like 30 or \"30s\", or \"2m\"), not '"
                + value + "'");
        return Optional.empty();
    }
}
