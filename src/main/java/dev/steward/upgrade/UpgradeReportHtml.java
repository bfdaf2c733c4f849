package dev.steward.upgrade;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * A recorded upgrade as one self-contained HTML page: a header (start, total, versions, outcome), an inline
 * SVG with one lane per node across time (a rectangle per phase, placed in proportion to the run's length)
 * and a legend. No scripts, no external assets: it opens from a mail attachment.
 */
public final class UpgradeReportHtml {

    static final int LABEL_WIDTH = 140;
    static final int PLOT_WIDTH = 860;
    static final int LANE_HEIGHT = 34;
    static final int TOP = 24;

    private UpgradeReportHtml() {
    }

    public static String render(UpgradeTimeline t) {
        double total = Math.max(1, t.total().toMillis());
        StringBuilder svg = new StringBuilder();
        int height = TOP + LANE_HEIGHT * t.nodes().size() + 10;
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
                LABEL_WIDTH + PLOT_WIDTH + 20, height, LABEL_WIDTH + PLOT_WIDTH + 20, height));
        for (int i = 0; i <= 4; i++) { // the time axis: a tick per quarter of the run
            double x = LABEL_WIDTH + PLOT_WIDTH * i / 4.0;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/><text x=\"%.1f\" y=\"14\" "
                            + "class=\"tick\">%s</text>%n", x, TOP - 4, x, height - 6, x,
                    seconds(Duration.ofMillis((long) (total * i / 4)))));
        }
        for (int lane = 0; lane < t.nodes().size(); lane++) {
            String node = t.nodes().get(lane);
            int y = TOP + lane * LANE_HEIGHT;
            svg.append(String.format(Locale.ROOT, "<g class=\"lane\" data-node=\"%s\">%n", xml(node)));
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" class=\"node\">%s</text>%n",
                    y + LANE_HEIGHT / 2 + 4, xml(node)));
            for (UpgradeTimeline.Segment s : t.segments()) {
                if (!s.node().equals(node)) {
                    continue;
                }
                double x = LABEL_WIDTH + PLOT_WIDTH * s.from().toMillis() / total;
                double w = Math.max(1, PLOT_WIDTH * (s.to().toMillis() - s.from().toMillis()) / total);
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"segment\" data-phase=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                                + "fill=\"%s\"><title>%s: %s, %s to %s (%s)</title></rect>%n",
                        s.phase().id(), x, y + 4, w, LANE_HEIGHT - 8, s.phase().colour(), xml(node),
                        xml(s.phase().label()), seconds(s.from()), seconds(s.to()), xml(s.step())));
            }
            svg.append("</g>\n");
        }
        svg.append("</svg>");

        StringBuilder legend = new StringBuilder("<ul class=\"legend\">\n");
        for (UpgradePhase p : UpgradePhase.values()) {
            legend.append(String.format("<li><span class=\"swatch\" style=\"background:%s\"></span>%s</li>%n",
                    p.colour(), xml(p.label())));
        }
        legend.append("</ul>\n");

        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>steward upgrade "
                + xml(t.from()) + " → " + xml(t.to()) + "</title>\n<style>\n"
                + "body{font-family:sans-serif;margin:1.5em;color:#222}\n"
                + ".tick{font-size:11px;fill:#666;text-anchor:middle}.node{font-size:13px;fill:#222}\n"
                + ".legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1em;font-size:13px}\n"
                + ".swatch{display:inline-block;width:14px;height:14px;margin-right:.4em;vertical-align:middle}\n"
                + ".finished{color:#2e7d32}.failed{color:#c62828}.interrupted{color:#b26a00}\n"
                + "pre{white-space:pre-wrap;background:#f6f6f6;padding:.6em}\n"
                + "</style></head>\n<body>\n<h1>steward upgrade: " + xml(t.from()) + " → " + xml(t.to()) + "</h1>\n"
                + "<p>Started " + DateTimeFormatter.ISO_INSTANT.format(t.start().atOffset(ZoneOffset.UTC))
                + ", took " + seconds(t.total()) + ", nodes: " + xml(String.join(", ", t.nodes())) + ".</p>\n"
                + outcome(t.outcome()) + svg + "\n" + legend + "</body></html>\n";
    }

    private static String outcome(UpgradeTimeline.Outcome o) {
        if (o instanceof UpgradeTimeline.Failed f) {
            return "<p class=\"outcome failed\">Stopped (exit " + f.exitCode() + ")"
                    + (f.node().isEmpty() ? "" : ": node " + xml(f.node()) + ", step '" + xml(f.step()) + "'")
                    + ".</p>\n" + (f.message().isEmpty() ? "" : "<pre>" + xml(f.message()) + "</pre>\n");
        }
        if (o instanceof UpgradeTimeline.Interrupted) {
            return "<p class=\"outcome interrupted\">Interrupted (exit 99): the step in flight finished; run the"
                    + " upgrade again to continue.</p>\n";
        }
        return "<p class=\"outcome finished\">Finished: every node runs the new version.</p>\n";
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
