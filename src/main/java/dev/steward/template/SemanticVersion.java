package dev.steward.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version as Semantic Versioning 2.0.0 orders it: MAJOR.MINOR.PATCH numerically, a release after its
 * pre-releases ({@code 2.11.0-beta1 < 2.11.0}), pre-release parts compared numerically when both are
 * numbers; build metadata ({@code +…}) ignored. A leading {@code v} is accepted, as in image tags.
 */
public record SemanticVersion(int major, int minor, int patch, List<String> preRelease)
        implements Comparable<SemanticVersion> {

    private static final Pattern FORM = Pattern.compile(
            "v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

    public SemanticVersion {
        preRelease = List.copyOf(preRelease);
    }

    /** The version {@code text} names; an {@link IllegalArgumentException} saying what is expected otherwise. */
    public static SemanticVersion parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 2.11.0)");
        }
        List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        return new SemanticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), new ArrayList<>(pre));
    }

    @Override
    public int compareTo(SemanticVersion o) {
        int c = major != o.major ? Integer.compare(major, o.major)
                : minor != o.minor ? Integer.compare(minor, o.minor) : Integer.compare(patch, o.patch);
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty()); // the release is the greater
        }
        for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
            c = comparePart(preRelease.get(i), o.preRelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), o.preRelease.size());
    }

    private static int comparePart(String a, String b) {
        boolean an = a.chars().allMatch(Character::isDigit);
        boolean bn = b.chars().allMatch(Character::isDigit);
        if (an && bn) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        return an != bn ? (an ? -1 : 1) : a.compareTo(b); // numeric identifiers sort before alphanumeric ones
    }
}
