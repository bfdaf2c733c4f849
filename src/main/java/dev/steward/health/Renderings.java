package dev.steward.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three ways {@code steward health} prints a report: an aligned table, JSON, Prometheus text. */
public final class Renderings {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Renderings() {
    }

    /** Columns HOST, CHECK, STATUS, DETAIL padded to their widest cell, then a one-line summary. */
    public static String table(HealthReport report) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"HOST", "CHECK", "STATUS", "DETAIL"});
        for (CheckRow r : report.rows()) {
            cells.add(new String[] {r.host(), r.check(), r.status().label(), oneLine(r.detail())});
        }
        int[] width = new int[3];
        for (String[] c : cells) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] c : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                line.append(c[i]).append(" ".repeat(width[i] - c[i].length() + 2));
            }
            line.append(c[3]);
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append('\n').append(summaryLine(report)).append('\n');
        return out.toString();
    }

    /** {@code {"rows": [{host, check, status, detail}…], "summary": {ok, warn, fail, unreachable, exit_code}}}. */
    public static String json(HealthReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CheckRow r : report.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("host", r.host());
            row.put("check", r.check());
            row.put("status", r.status().label());
            row.put("detail", r.detail());
            rows.add(row);
        }
        root.put("rows", rows);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("ok", report.count(Status.OK));
        summary.put("warn", report.count(Status.WARN));
        summary.put("fail", report.count(Status.FAIL));
        summary.put("unreachable", report.unreachable());
        summary.put("exit_code", report.exitCode());
        root.put("summary", summary);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the health report as JSON", e);
        }
    }

    /**
     * Prometheus text exposition format: {@code steward_check{host="…",check="…"} 1|0.5|0} per row,
     * for node_exporter's textfile collector or a scrape.
     */
    public static String prometheus(HealthReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP steward_check Outcome of a steward health check: 1 ok, 0.5 warn, 0 fail.\n");
        out.append("# TYPE steward_check gauge\n");
        for (CheckRow r : report.rows()) {
            out.append("steward_check{host=\"").append(label(r.host())).append("\",check=\"").append(label(r.check()))
                    .append("\"} ").append(r.status().metric()).append('\n');
        }
        out.append("# HELP steward_health_unreachable_hosts Hosts steward health could not reach over SSH.\n");
        out.append("# TYPE steward_health_unreachable_hosts gauge\n");
        out.append("steward_health_unreachable_hosts ").append(report.unreachable().size()).append('\n');
        return out.toString();
    }

    static String summaryLine(HealthReport report) {
        String line = report.count(Status.OK) + " ok, " + report.count(Status.WARN) + " warn, "
                + report.count(Status.FAIL) + " fail";
        if (!report.unreachable().isEmpty()) {
            line += "; unreachable: " + String.join(", ", report.unreachable());
        }
        return line;
    }

    /** A label value escaped as the exposition format asks: backslash, double quote, newline. */
    static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ");
    }
}
