package dev.steward.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format (version 0.0.4), as a scraper reads it: HELP and
 * TYPE comments, then samples {@code name{label="value",…} value [timestamp]}. Anything else is an
 * error naming the line, so a test that reads a text with it proves the text would be scraped.
 */
public final class PrometheusText {

    /** One sample: metric name, labels in order, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:\\\\[\\\\\"n]|[^\"\\\\\\n])*)\"(,|$)");

    private PrometheusText() {
    }

    public static List<Sample> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the text does not end with a line feed");
        }
        Map<String, String> types = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw error(n, line, "a second TYPE for " + m.group(1));
                }
                String metric = m.group(1);
                if (samples.stream().anyMatch(s -> s.name().equals(metric))) {
                    throw error(n, line, "TYPE after the metric's samples");
                }
            } else if (HELP.matcher(line).matches() || line.startsWith("# ") && !line.startsWith("# HELP")
                    && !line.startsWith("# TYPE")) {
                continue;
            } else if (line.startsWith("#")) {
                throw error(n, line, "a malformed HELP or TYPE line");
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null && !m.group(3).isEmpty()) {
                    Matcher l = LABEL.matcher(m.group(3));
                    int at = 0;
                    while (at < m.group(3).length()) {
                        if (!l.find(at) || l.start() != at) {
                            throw error(n, line, "malformed labels");
                        }
                        if (labels.put(l.group(1), unescape(l.group(2))) != null) {
                            throw error(n, line, "label " + l.group(1) + " twice");
                        }
                        at = l.end();
                    }
                }
                samples.add(new Sample(m.group(1), labels, value(m.group(4), n, line)));
            } else {
                throw error(n, line, "not a sample, HELP or TYPE line");
            }
        }
        return samples;
    }

    private static double value(String text, int n, String line) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw error(n, line, "the value '" + text + "' is not a number");
                }
            }
        };
    }

    private static String unescape(String v) {
        return v.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static IllegalArgumentException error(int n, String line, String what) {
        return new IllegalArgumentException("line " + n + ": " + what + ": " + line);
    }
}
