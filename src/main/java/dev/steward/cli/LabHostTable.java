package dev.steward.cli;

import dev.steward.lab.LabHost;
import java.util.ArrayList;
import java.util.List;

/** The table {@code steward lab status} and {@code steward lab up} print. */
final class LabHostTable {

    private static final List<String> HEADER = List.of("HOST", "CONTAINER", "SUITE", "STATE", "SSH", "ADDRESS");

    private LabHostTable() {
    }

    static String render(List<LabHost> hosts) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (LabHost host : hosts) {
            rows.add(List.of(host.name(), host.container(), host.suite(), host.state(),
                    host.sshPort() == 0 ? "-" : host.sshHost() + ":" + host.sshPort(),
                    host.address().isEmpty() ? "-" : host.address()));
        }
        int[] widths = new int[HEADER.size()];
        rows.forEach(row -> {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        });
        StringBuilder table = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.size(); column++) {
                line.append(String.format("%-" + widths[column] + "s", row.get(column)));
                if (column < row.size() - 1) {
                    line.append("  ");
                }
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }
}
