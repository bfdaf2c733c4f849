package dev.steward.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.source.SourceLocation;
import dev.steward.vars.Vars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every FreeMarker entry of the Jinja → FreeMarker table in docs/ansible-users.md, evaluated
 * through Steward's {@link TemplateEngine} against the same variables, with the result the table
 * promises. A second test reads the page and fails when it shows an entry that is not checked here.
 */
class JinjaEquivalentsTest {

    private static final Path PAGE = Path.of("docs/ansible-users.md");
    private static final String TABLE_HEADING = "## Jinja → FreeMarker";

    private final TemplateEngine engine = new TemplateEngine();
    private final SourceLocation here = new SourceLocation("play.yml", 1, 1);

    /** How a table entry is used in a playbook. */
    private enum Use {
        /** Text with interpolations or directives: a parameter value or a template file. */
        TEXT,
        /** A bare expression, as in {@code when}, {@code until}, {@code changed_when}, {@code failed_when}. */
        CONDITION,
        /** A value that is exactly one {@code ${expr}}: it keeps the expression's type. */
        VALUE
    }

    private record Case(String freemarker, Use use, Object expected) {
    }

    /** The variables every entry is evaluated with (the page says what they hold). */
    private Vars vars() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", "chainlink");
        m.put("stage", "production");
        m.put("cpus", 4L);
        m.put("ports", List.of(22L, 443L));
        m.put("port_text", "8080");
        m.put("flag", true);
        m.put("flag_text", "true");
        m.put("chain_id", 11155111L);
        m.put("padded", "  text  ");
        m.put("csv", "a,b,c");
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("cpu", 2L);
        limits.put("mem", 512L);
        m.put("limits", limits);
        Map<String, Object> ann = new LinkedHashMap<>();
        ann.put("name", "ann");
        ann.put("admin", true);
        Map<String, Object> bob = new LinkedHashMap<>();
        bob.put("name", "bob");
        bob.put("admin", false);
        m.put("users", List.of(ann, bob));
        return Vars.EMPTY.with("play vars", m, new SourceLocation("play.yml", 3, 5));
    }

    private static final List<Case> CASES = List.of(
            new Case("${app}", Use.TEXT, "chainlink"),
            new Case("${limits.cpu}", Use.TEXT, "2"),
            new Case("${limits[\"cpu\"]}", Use.TEXT, "2"),
            new Case("${app + \"-\" + stage}", Use.TEXT, "chainlink-production"),
            new Case("${missing!\"none\"}", Use.TEXT, "none"),
            new Case("${missing!}", Use.TEXT, ""),
            new Case("app??", Use.CONDITION, true),
            new Case("missing??", Use.CONDITION, false),
            new Case("!missing??", Use.CONDITION, true),
            new Case("cpus > 2", Use.CONDITION, true),
            new Case("cpus >= 4", Use.CONDITION, true),
            new Case("stage == \"production\"", Use.CONDITION, true),
            new Case("stage != \"dev\"", Use.CONDITION, true),
            new Case("cpus > 2 && stage == \"production\"", Use.CONDITION, true),
            new Case("stage == \"dev\" || cpus > 2", Use.CONDITION, true),
            new Case("!flag", Use.CONDITION, false),
            new Case("${cpus > 2}", Use.TEXT, "true"),
            new Case("<#if cpus gt 2>many</#if>", Use.TEXT, "many"),
            new Case("<#if (cpus > 2)>many</#if>", Use.TEXT, "many"),
            new Case("<#if cpus gte 4 && cpus lt 8>some</#if>", Use.TEXT, "some"),
            new Case("<#if stage == \"dev\">d<#elseif stage == \"production\">p<#else>x</#if>", Use.TEXT, "p"),
            new Case("${(cpus > 2)?then(\"big\", \"small\")}", Use.TEXT, "big"),
            new Case("${users?size}", Use.TEXT, "2"),
            new Case("${app?length}", Use.TEXT, "9"),
            new Case("${ports?join(\",\")}", Use.TEXT, "22,443"),
            new Case("${app?upper_case}", Use.TEXT, "CHAINLINK"),
            new Case("${\"ABC\"?lower_case}", Use.TEXT, "abc"),
            new Case("${app?cap_first}", Use.TEXT, "Chainlink"),
            new Case("${port_text?number + 1}", Use.TEXT, "8081"),
            new Case("${flag_text?boolean}", Use.TEXT, "true"),
            new Case("${chain_id}", Use.TEXT, "11155111"),
            new Case("${flag}", Use.TEXT, "true"),
            new Case("${cpus?string}", Use.TEXT, "4"),
            new Case("${padded?trim}", Use.TEXT, "text"),
            new Case("${app?replace(\"link\", \"LINK\")}", Use.TEXT, "chainLINK"),
            new Case("${ports?first}", Use.TEXT, "22"),
            new Case("${ports?last}", Use.TEXT, "443"),
            new Case("${csv?split(\",\")?size}", Use.TEXT, "3"),
            new Case("${[3, 1, 2]?sort?join(\",\")}", Use.TEXT, "1,2,3"),
            new Case("ports?seq_contains(443)", Use.CONDITION, true),
            new Case("app?contains(\"link\")", Use.CONDITION, true),
            new Case("app?starts_with(\"chain\")", Use.CONDITION, true),
            new Case("app?ends_with(\"link\")", Use.CONDITION, true),
            new Case("app?matches(\"^chain.*\")", Use.CONDITION, true),
            new Case("${users?map(u -> u.name)?join(\",\")}", Use.TEXT, "ann,bob"),
            new Case("${users?filter(u -> u.admin)?map(u -> u.name)?join(\",\")}", Use.TEXT, "ann"),
            new Case("<#list ports as p>${p} </#list>", Use.TEXT, "22 443 "),
            new Case("<#list ports as p>${p}<#sep>,</#list>", Use.TEXT, "22,443"),
            new Case("<#list ports as p>${p?counter}:${p?index}:${p?is_first}:${p?is_last} </#list>", Use.TEXT,
                    "1:0:true:false 2:1:false:true "),
            new Case("<#list limits?keys as k>${k} </#list>", Use.TEXT, "cpu mem "),
            new Case("<#list limits as k, v>${k}=${v} </#list>", Use.TEXT, "cpu=2 mem=512 "),
            new Case("${limits?keys}", Use.VALUE, List.of("cpu", "mem")),
            new Case("${limits?values}", Use.VALUE, List.of(2L, 512L)),
            new Case("${ports}", Use.VALUE, List.of(22L, 443L)),
            new Case("${(0..<3)?join(\",\")}", Use.TEXT, "0,1,2"),
            new Case("${(1..3)?join(\",\")}", Use.TEXT, "1,2,3"),
            new Case("a<#-- note -->b", Use.TEXT, "ab"),
            new Case("${r\"${HOME}\"}", Use.TEXT, "${HOME}"),
            new Case("<#noparse>${HOME}</#noparse>", Use.TEXT, "${HOME}"),
            new Case("<#assign dir = \"/opt/\" + app>${dir}", Use.TEXT, "/opt/chainlink"));

    @TestFactory
    Stream<DynamicTest> everyEntryGivesWhatThePageSays() {
        Vars vars = vars();
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.freemarker(), () -> {
            Object actual = switch (c.use()) {
                case TEXT -> engine.render(c.freemarker(), vars, here);
                case CONDITION -> engine.condition(c.freemarker(), vars, here);
                case VALUE -> engine.evaluate(c.freemarker(), vars, here);
            };
            assertThat(actual).as(c.freemarker()).isEqualTo(c.expected());
        }));
    }

    @Test
    void anUndefinedVariableIsAnErrorNotAnEmptyString() {
        assertThatThrownBy(() -> engine.render("${missing}", vars(), here)).isInstanceOf(TemplateError.class)
                .hasMessage("undefined variable 'missing'");
    }

    @Test
    void jinjaWordsForBooleanOperatorsAreNotFreeMarker() {
        assertThatThrownBy(() -> engine.condition("cpus > 2 and flag", vars(), here))
                .isInstanceOf(TemplateError.class);
    }

    @Test
    void aGreaterThanInsideATagNeedsGtOrParentheses() {
        // '>' ends the <#if …> tag: the rest, "2>many", is text and the comparison is incomplete
        assertThatThrownBy(() -> engine.render("<#if cpus > 2>many</#if>", vars(), here))
                .isInstanceOf(TemplateError.class);
    }

    @Test
    void booleanBuiltInTakesOnlyTrueAndFalse() {
        Vars v = vars().withData("answer", "yes", "test");
        assertThatThrownBy(() -> engine.render("${answer?boolean}", v, here)).isInstanceOf(TemplateError.class);
    }

    @Test
    void everyFreeMarkerEntryOnThePageIsCheckedHere() throws IOException {
        List<String> shown = freeMarkerColumn(Files.readString(PAGE));
        assertThat(shown).as("FreeMarker entries in " + PAGE).isNotEmpty();
        List<String> tested = CASES.stream().map(Case::freemarker).toList();
        assertThat(tested).containsAll(shown);
    }

    /** The code spans of the second column of the table under {@link #TABLE_HEADING}. */
    static List<String> freeMarkerColumn(String page) {
        int start = page.indexOf(TABLE_HEADING);
        assertThat(start).as("the page has a section '" + TABLE_HEADING + "'").isNotNegative();
        int end = page.indexOf("\n## ", start + TABLE_HEADING.length());
        String section = page.substring(start, end < 0 ? page.length() : end);
        List<String> out = new ArrayList<>();
        Pattern code = Pattern.compile("`([^`]+)`");
        boolean header = true;
        for (String line : section.split("\n")) {
            if (!line.startsWith("|")) {
                continue;
            }
            if (header) { // the header row and the |---| row
                header = !line.startsWith("|---") && !line.startsWith("| ---");
                continue;
            }
            List<String> cells = splitRow(line);
            if (cells.size() < 2) {
                continue;
            }
            Matcher m = code.matcher(cells.get(1));
            while (m.find()) {
                out.add(m.group(1).replace("\\|", "|"));
            }
        }
        return out;
    }

    /** Splits a Markdown table row on the pipes that are not escaped as {@code \|}. */
    private static List<String> splitRow(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append("\\|");
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }
}
