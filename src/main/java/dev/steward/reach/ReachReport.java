package dev.steward.reach;

import java.util.ArrayList;
import java.util.List;

/**
 * Every tested path as a table of expected against actual, the sources that could not be reached,
 * and the exit code: 0 all as expected, 1 a mismatch, 3 a host unreachable (its paths untested).
 */
public record ReachReport(List<ReachRow> rows, List<String> unreachable) {

    public ReachReport {
        rows = List.copyOf(rows);
        unreachable = List.copyOf(unreachable);
    }

    public List<ReachRow> mismatches() {
        return rows.stream().filter(r -> !r.matches()).toList();
    }

    public int exitCode() {
        if (!mismatches().isEmpty()) {
            return 1;
        }
        return unreachable.isEmpty() ? 0 : 3;
    }

    public String table() {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"FROM", "TO", "PORT", "SERVICE", "EXPECTED", "ACTUAL", ""});
        for (ReachRow r : rows) {
            Path p = r.path();
            lines.add(new String[] {p.source(), p.target(), p.endpoint(), p.service(), p.mustOpen() ? "open" : "closed",
                    r.shown(), r.matches() ? "ok" : "MISMATCH"});
        }
        int[] width = new int[7];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                line.append(String.format("%-" + width[i] + "s  ", l[i]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        unreachable.forEach(h -> b.append("UNREACHABLE  ").append(h).append(": its paths were not tested\n"));
        b.append(rows.size() - mismatches().size()).append(" of ").append(rows.size()).append(" paths as expected");
        if (!mismatches().isEmpty()) {
            b.append(", ").append(mismatches().size()).append(" MISMATCH");
        }
        return b.append('\n').toString();
    }
}
