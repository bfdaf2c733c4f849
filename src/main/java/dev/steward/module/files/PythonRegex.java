package dev.steward.module.files;

import dev.steward.module.ModuleFailure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions and replacement templates as Ansible users write them (Python's {@code re}):
 * {@code (?P<name>…)} and {@code (?P=name)} in patterns; {@code \1}, {@code \g<1>}, {@code \g<name>}
 * and {@code \n} in replacements. A {@code $} in a replacement is literal, as in Python.
 */
final class PythonRegex {

    private PythonRegex() {
    }

    static Pattern compile(String param, String regex, int flags) throws ModuleFailure {
        String java = regex.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
        try {
            return Pattern.compile(java, flags);
        } catch (PatternSyntaxException e) {
            throw new ModuleFailure("'" + param + "' is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " of " + regex);
        }
    }

    /** Python's {@code match.expand(template)}: the template with group references filled in. */
    static String expand(Matcher m, String template) throws ModuleFailure {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char n = template.charAt(++i);
            if (Character.isDigit(n)) {
                int j = i + 1;
                if (j < template.length() && Character.isDigit(template.charAt(j)) && n != '0') {
                    j++; // Python reads up to two digits
                }
                out.append(group(m, template.substring(i, j), template));
                i = j - 1;
            } else if (n == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                int close = template.indexOf('>', i);
                if (close < 0) {
                    throw new ModuleFailure("unterminated \\g< in '" + template + "'");
                }
                out.append(group(m, template.substring(i + 2, close), template));
                i = close;
            } else {
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '\\' -> out.append('\\');
                    default -> out.append('\\').append(n);
                }
            }
        }
        return out.toString();
    }

    private static String group(Matcher m, String ref, String template) throws ModuleFailure {
        try {
            String g = ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref)) : m.group(ref);
            return g == null ? "" : g;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new ModuleFailure("'" + template + "' refers to group " + ref + ", which the expression does not have");
        }
    }
}
