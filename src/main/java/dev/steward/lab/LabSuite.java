package dev.steward.lab;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Debian release a lab host runs; each has its own image, {@code steward-lab:<suite>}. */
public enum LabSuite {
    /** Debian 13: Docker 26 and Compose v2 from Debian's own packages. The default. */
    TRIXIE,
    /** Debian 12: kept as a second target (Docker 20.10, Compose v1 only). */
    BOOKWORM;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String image() {
        return "steward-lab:" + id();
    }

    public static LabSuite parse(String text) {
        for (LabSuite suite : values()) {
            if (suite.id().equalsIgnoreCase(text.strip())) {
                return suite;
            }
        }
        throw new IllegalArgumentException("unknown suite '" + text + "': use one of " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(LabSuite::id).collect(Collectors.joining(", "));
    }
}
