package dev.steward.module.files;

import java.util.ArrayList;
import java.util.List;

/** A text file as its lines, each with its own line ending kept, as Python's {@code readlines()} gives them. */
final class TextLines {

    private TextLines() {
    }

    static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** The line without its ending ({@code \n} or {@code \r\n}). */
    static String strip(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    static String join(List<String> lines) {
        return String.join("", lines);
    }

    static boolean endsWithNewline(List<String> lines) {
        if (lines.isEmpty()) {
            return true;
        }
        String last = lines.get(lines.size() - 1);
        return last.endsWith("\n") || last.endsWith("\r");
    }
}
