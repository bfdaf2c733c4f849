package dev.steward.playbook;

import java.util.List;

/**
 * A play's {@code serial}: batch sizes, each a count or a percentage of the play's hosts; the last
 * size repeats until every host is in a batch ({@code [1, 25%]} = one host first, then a quarter at a time).
 */
public record Serial(List<Size> sizes) {

    /** One batch size: {@code count} hosts, or {@code count} percent of the play's hosts (at least one). */
    public record Size(int count, boolean percent) {
        public int of(int total) {
            return percent ? Math.max(1, (int) Math.floor(total * count / 100.0)) : Math.max(1, count);
        }

        @Override
        public String toString() {
            return percent ? count + "%" : String.valueOf(count);
        }
    }

    public Serial {
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("serial needs at least one size");
        }
        sizes = List.copyOf(sizes);
    }

    /** Reads one size as written: {@code 2}, {@code 30%}. */
    public static Size parseSize(String text) {
        String t = text.strip();
        boolean percent = t.endsWith("%");
        int n = Integer.parseInt(percent ? t.substring(0, t.length() - 1).strip() : t);
        if (n < 1 || (percent && n > 100)) {
            throw new NumberFormatException(text);
        }
        return new Size(n, percent);
    }
}
