package dev.steward.source;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * "Did you mean …?": the closest known name by edit distance, when it is close enough to be a typo;
 * otherwise the one known name that the given text begins (a cut-short word: {@code start} for
 * {@code started}); otherwise the word an older Ansible spelling stands for ({@code installed} for
 * {@code present}), when it is known.
 */
public final class Suggestions {

    /** Values older Ansible modules accepted (or people carry over from other tools), and today's word. */
    private static final Map<String, String> OLD_SPELLINGS = Map.of("installed", "present", "removed", "absent",
            "running", "started", "enable", "enabled", "disable", "disabled");

    private Suggestions() {
    }

    public static Optional<String> closest(String given, Collection<String> known) {
        int limit = Math.max(1, Math.min(3, given.length() / 3));
        Optional<String> typo = known.stream()
                .filter(k -> distance(given.toLowerCase(), k.toLowerCase()) <= limit)
                .min(Comparator.comparingInt((String k) -> distance(given.toLowerCase(), k.toLowerCase()))
                        .thenComparing(Comparator.naturalOrder()));
        if (typo.isPresent() || given.length() < 3) {
            return typo;
        }
        var longer = known.stream().filter(k -> k.toLowerCase().startsWith(given.toLowerCase())).distinct().toList();
        if (longer.size() == 1) {
            return Optional.of(longer.get(0));
        }
        return Optional.ofNullable(OLD_SPELLINGS.get(given.toLowerCase())).filter(known::contains);
    }

    /** The hint text for {@link Problem#hint()}: "did you mean 'x'?" or empty. */
    public static String didYouMean(String given, Collection<String> known) {
        return closest(given, known).map(k -> "did you mean '" + k + "'?").orElse("");
    }

    /** Damerau-Levenshtein (optimal string alignment) distance: a swap of two letters counts once. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
