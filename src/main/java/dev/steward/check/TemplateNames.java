package dev.steward.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The top-level variable names a FreeMarker template or bare expression reads, found by a careful
 * tokenizer (FreeMarker's syntax tree is not public API). It errs on the side of silence:
 * <ul>
 *   <li>a name after {@code .} is a member, after {@code ?} a built-in, inside a string literal text
 *       (but a {@code ${…}} inside a non-raw string literal is read);</li>
 *   <li>a name is <em>guarded</em> anywhere in the text once it is used with {@code !}, {@code ??},
 *       {@code ?default}, {@code ?exists}, {@code ?if_exists} or {@code ?has_content} — so
 *       {@code <#if x??>${x}</#if>} reads nothing unsafely; a whole {@code (…)} or
 *       {@code a.b.c} chain before such an operator is guarded;</li>
 *   <li>names the template defines itself ({@code <#list … as x>}, {@code <#items as x>},
 *       {@code <#assign>}/{@code <#local>}/{@code <#global>}, macro and function names and
 *       parameters, lambda parameters, {@code <@m ; x>}) are defined everywhere in it;</li>
 *   <li>a template that can define or recover anything ({@code <#include>}, {@code <#attempt>},
 *       {@code <#visit>}, square-bracket syntax, an unknown directive) is {@link Scan#opaque opaque}.</li>
 * </ul>
 */
public final class TemplateNames {

    /** Built-ins that accept a missing left-hand side. */
    private static final Set<String> SAFE_BUILTINS = Set.of("default", "exists", "if_exists", "has_content");

    /** Words that are operators or literals in expressions, never variables. */
    private static final Set<String> KEYWORDS = Set.of("true", "false", "gt", "gte", "lt", "lte", "as", "in",
            "using");

    /** Directives whose tag holds plain expressions (or nothing). */
    private static final Set<String> PLAIN_DIRECTIVES = Set.of("if", "elseif", "else", "switch", "case", "on",
            "default", "break", "continue", "return", "nested", "sep", "compress", "t", "lt", "rt", "nt", "flush",
            "stop", "outputformat", "autoesc", "noautoesc", "noescape", "items", "list", "assign", "local", "global",
            "macro", "function", "escape", "import");

    /** One unguarded read of a top-level variable: its name, the member path after it, where it starts. */
    public record Use(String name, List<String> path, int offset) {
    }

    /**
     * @param uses unguarded reads, in text order (names the template defines or guards are left out)
     * @param guarded names read with {@code ??}, {@code !} or a tolerant built-in somewhere in the text
     * @param opaque the text may define or recover names this scanner cannot see: report nothing from it
     */
    public record Scan(List<Use> uses, Set<String> guarded, boolean opaque) {
    }

    private final String text;
    private final List<Use> uses = new ArrayList<>();
    private final Set<String> guarded = new HashSet<>();
    private final Set<String> defined = new HashSet<>();
    private boolean opaque;
    private int pos;

    private TemplateNames(String text) {
        this.text = text;
    }

    /** A template: text with {@code ${…}} interpolations and FTL tags. */
    public static Scan template(String text) {
        TemplateNames s = new TemplateNames(text);
        s.scanTemplate();
        return s.result();
    }

    /** A bare expression, as in {@code when} or {@code until}. */
    public static Scan expression(String text) {
        TemplateNames s = new TemplateNames(text);
        s.expr(End.TEXT, Tag.NONE);
        if (s.pos < text.length()) {
            s.opaque = true; // something the tokenizer did not understand
        }
        return s.result();
    }

    private Scan result() {
        List<Use> kept = uses.stream().filter(u -> !guarded.contains(u.name()) && !defined.contains(u.name()))
                .map(u -> new Use(u.name(), List.copyOf(u.path()), u.offset())).toList();
        return new Scan(kept, Set.copyOf(guarded), opaque);
    }

    // ---- template text

    private void scanTemplate() {
        if (text.contains("[#ftl") || text.contains("[#") && text.contains("[/#")) {
            opaque = true;
            return;
        }
        while (pos < text.length() && !opaque) {
            if (text.startsWith("<#--", pos)) {
                int end = text.indexOf("-->", pos + 4);
                pos = end < 0 ? text.length() : end + 3;
            } else if (text.startsWith("${", pos)) {
                pos += 2;
                expr(End.BRACE, Tag.NONE);
                pos++; // the closing }
            } else if (text.startsWith("</#", pos) || text.startsWith("</@", pos)) {
                int end = text.indexOf('>', pos);
                pos = end < 0 ? text.length() : end + 1;
            } else if (text.startsWith("<#", pos)) {
                directive();
            } else if (text.startsWith("<@", pos)) {
                pos += 2;
                expr(End.TAG, Tag.CALL);
                pos++;
            } else {
                pos++;
            }
        }
    }

    private enum End { BRACE, TAG, TEXT }

    private enum Tag { NONE, PLAIN, LIST, ASSIGN, DEFINES_ALL, CALL, ESCAPE }

    private void directive() {
        int start = pos + 2;
        int i = start;
        while (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        String name = text.substring(start, i);
        pos = i;
        switch (name) {
            case "noparse" -> {
                int end = text.indexOf("</#noparse", pos);
                pos = end < 0 ? text.length() : end;
            }
            case "setting", "ftl" -> {
                int end = text.indexOf('>', pos);
                pos = end < 0 ? text.length() : end + 1;
            }
            default -> {
                if (!PLAIN_DIRECTIVES.contains(name)) {
                    opaque = true; // include, attempt/recover, visit, recurse, fallback, or unknown
                    return;
                }
                Tag tag = switch (name) {
                    case "list", "items", "import" -> Tag.LIST;
                    case "assign", "local", "global" -> Tag.ASSIGN;
                    case "macro", "function" -> Tag.DEFINES_ALL;
                    case "escape" -> Tag.ESCAPE;
                    default -> Tag.PLAIN;
                };
                expr(End.TAG, tag);
                pos++;
            }
        }
    }

    // ---- expressions

    /** An open bracket: where its operand chain began, and the chain that was open before it. */
    private record Frame(char close, int chainStart, int outerChainStart) {
    }

    /**
     * Reads an expression (or a tag's expressions) up to its end: an unbalanced {@code }} for an
     * interpolation, {@code >} or {@code />} outside brackets for a tag, the end of the text otherwise.
     */
    private void expr(End end, Tag tag) {
        Deque<Frame> frames = new ArrayDeque<>();
        boolean afterOperand = false;
        boolean afterDot = false;
        boolean defining = false; // after 'as' in list/items/import, after ';' in a macro call
        boolean firstName = true;
        int chainStart = uses.size();
        boolean pathOpen = false; // only member names followed the last variable so far: facts.os.id
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != '.' && !(afterDot && identifierStart(c)) && !Character.isWhitespace(c)) {
                pathOpen = false;
            }
            if (frames.isEmpty()) {
                if (end == End.BRACE && c == '}') {
                    return;
                }
                if (end == End.TAG && (c == '>' || c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '>')) {
                    if (c == '/') {
                        pos++;
                    }
                    return;
                }
            }
            if (Character.isWhitespace(c)) {
                pos++;
                continue;
            }
            if (c == 'r' && pos + 1 < text.length() && (text.charAt(pos + 1) == '"' || text.charAt(pos + 1) == '\'')
                    && !identifierPart(pos - 1)) {
                pos++;
                string(true);
                chainStart = uses.size();
                afterOperand = true;
                afterDot = false;
                continue;
            }
            if (c == '"' || c == '\'') {
                int before = uses.size();
                string(false);
                chainStart = before;
                afterOperand = true;
                afterDot = false;
                continue;
            }
            if (identifierStart(c)) {
                int at = pos;
                String id = identifier();
                if (afterDot) {
                    afterDot = false;
                    afterOperand = true;
                    if (pathOpen && uses.get(uses.size() - 1).path().size() < 2) {
                        uses.get(uses.size() - 1).path().add(id);
                    } else {
                        pathOpen = false;
                    }
                    continue;
                }
                boolean isFirst = firstName;
                firstName = false;
                if (KEYWORDS.contains(id)) {
                    if (id.equals("as") && (tag == Tag.LIST || tag == Tag.ESCAPE)) {
                        defining = true;
                    }
                    afterOperand = id.equals("true") || id.equals("false");
                    chainStart = uses.size();
                    continue;
                }
                if (defining || tag == Tag.DEFINES_ALL || tag == Tag.ESCAPE && isFirst
                        || tag == Tag.ASSIGN && (isFirst || assignmentFollows())) {
                    defined.add(id);
                    afterOperand = false;
                    continue;
                }
                if (tag == Tag.CALL && assignmentFollows()) {
                    afterOperand = false; // a named parameter of a macro call
                    continue;
                }
                if (text.startsWith("->", skipSpace(pos))) {
                    defined.add(id); // a lambda parameter
                    pos = skipSpace(pos) + 2;
                    chainStart = uses.size();
                    afterOperand = false;
                    continue;
                }
                chainStart = uses.size();
                uses.add(new Use(id, new ArrayList<>(), at));
                afterOperand = true;
                pathOpen = true;
                continue;
            }
            if (Character.isDigit(c)) {
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                        || text.charAt(pos) == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
                    pos++;
                }
                chainStart = uses.size();
                afterOperand = true;
                continue;
            }
            afterDot = false;
            switch (c) {
                case '.' -> {
                    if (text.startsWith("..", pos)) {
                        pos += 2;
                        while (pos < text.length() && "<!*".indexOf(text.charAt(pos)) >= 0) {
                            pos++;
                        }
                        afterOperand = false;
                    } else {
                        pos++;
                        afterDot = true;
                        if (!afterOperand) {
                            chainStart = uses.size(); // a special variable: .now, .vars
                            pathOpen = false;
                        }
                    }
                }
                case '?' -> {
                    if (text.startsWith("??", pos)) {
                        pos += 2;
                        guard(chainStart);
                        afterOperand = true;
                    } else {
                        pos++;
                        int s = skipSpace(pos);
                        pos = s;
                        if (pos < text.length() && identifierStart(text.charAt(pos))) {
                            String builtin = identifier();
                            if (SAFE_BUILTINS.contains(builtin)) {
                                guard(chainStart);
                            }
                        }
                        afterOperand = true;
                    }
                }
                case '!' -> {
                    pos++;
                    if (pos < text.length() && text.charAt(pos) == '=') {
                        pos++;
                    } else if (afterOperand) {
                        guard(chainStart); // x!default
                    }
                    afterOperand = false;
                }
                case '(', '[', '{' -> {
                    char close = c == '(' ? ')' : c == '[' ? ']' : '}';
                    int start = afterOperand && c != '{' ? chainStart : uses.size();
                    frames.push(new Frame(close, start, chainStart));
                    pos++;
                    afterOperand = false;
                }
                case ')', ']', '}' -> {
                    if (frames.isEmpty() || frames.peek().close() != c) {
                        opaque = true; // unbalanced: not something to reason about
                        pos = text.length();
                        return;
                    }
                    chainStart = frames.pop().chainStart();
                    pos++;
                    afterOperand = true;
                }
                case ';' -> {
                    pos++;
                    if (tag == Tag.CALL) {
                        defining = true;
                    }
                    afterOperand = false;
                }
                case '-' -> {
                    if (text.startsWith("->", pos)) {
                        for (int i = chainStart; i < uses.size(); i++) {
                            defined.add(uses.get(i).name()); // (x) -> …: a lambda parameter
                        }
                        pos += 2;
                    } else {
                        pos++;
                    }
                    afterOperand = false;
                }
                default -> {
                    pos++;
                    afterOperand = false;
                }
            }
        }
        if (end != End.TEXT || !frames.isEmpty()) {
            opaque = true; // the expression never ended
        }
    }

    /** A string literal at {@code pos}; a non-raw one may hold {@code ${…}} that read variables. */
    private void string(boolean raw) {
        char quote = text.charAt(pos++);
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote) {
                pos++;
                return;
            }
            if (!raw && c == '\\') {
                pos += 2;
            } else if (!raw && text.startsWith("${", pos)) {
                pos += 2;
                expr(End.BRACE, Tag.NONE);
                pos++;
            } else {
                pos++;
            }
        }
        opaque = true; // unterminated
    }

    private void guard(int chainStart) {
        for (int i = chainStart; i < uses.size(); i++) {
            guarded.add(uses.get(i).name());
        }
    }

    private boolean assignmentFollows() {
        int i = skipSpace(pos);
        if (i >= text.length()) {
            return false;
        }
        if (text.startsWith("++", i) || text.startsWith("--", i)) {
            return true;
        }
        if (text.charAt(i) == '=' && !text.startsWith("==", i)) {
            return true;
        }
        return "+-*/%".indexOf(text.charAt(i)) >= 0 && i + 1 < text.length() && text.charAt(i + 1) == '=';
    }

    private int skipSpace(int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length() && "-.:#".indexOf(text.charAt(pos + 1)) >= 0) {
                pos += 2;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos).replace("\\", "");
    }

    private static boolean identifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$' || c == '@';
    }

    private boolean identifierPart(int i) {
        if (i < 0 || i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@';
    }
}
