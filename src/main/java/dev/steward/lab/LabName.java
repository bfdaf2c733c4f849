package dev.steward.lab;

import java.util.regex.Pattern;

/**
 * Names one lab: its containers are {@code <prefix>-1}, {@code <prefix>-2}… and carry the label
 * {@code dev.steward.lab.name=<prefix>}, which is how a lab finds its own containers again. Tests
 * use their own prefix so they never touch a user's lab.
 */
public record LabName(String prefix) {

    // before DEFAULT: the constructor needs it during class initialisation
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,40}");

    public static final LabName DEFAULT = new LabName("steward-lab");

    public LabName {
        if (!VALID.matcher(prefix).matches()) {
            throw new IllegalArgumentException("lab name '" + prefix
                    + "' must be lower-case letters, digits, '_', '.' or '-' (at most 41 characters)");
        }
    }

    public String containerName(int index) {
        return prefix + "-" + index;
    }

    /** The inventory name of host {@code index}: {@code lab1}, {@code lab2}… */
    public static String hostName(int index) {
        return "lab" + index;
    }
}
