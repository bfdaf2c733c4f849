package dev.steward.health;

import java.util.List;
import java.util.TreeSet;

/**
 * Every check's row, in host order, and the hosts that could not be reached (sorted).
 *
 * <p>Exit codes: {@value #OK} when every check is ok; {@value #NOT_OK} when a check failed or warned
 * (a warning is not "all ok": a low balance or a filling disk must page someone); {@value #UNREACHABLE}
 * when a host could not be reached over SSH (its other checks are unknown), whatever the other rows say.
 */
public record HealthReport(List<CheckRow> rows, List<String> unreachable) {

    public static final int OK = 0;
    public static final int NOT_OK = 1;
    public static final int UNREACHABLE = 3;

    public HealthReport {
        rows = List.copyOf(rows);
        unreachable = List.copyOf(new TreeSet<>(unreachable));
    }

    public long count(Status status) {
        return rows.stream().filter(r -> r.status() == status).count();
    }

    public int exitCode() {
        if (!unreachable.isEmpty()) {
            return UNREACHABLE;
        }
        return rows.stream().allMatch(r -> r.status() == Status.OK) ? OK : NOT_OK;
    }
}
