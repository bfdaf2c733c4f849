package dev.steward.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.source.YNode.YMap;
import dev.steward.source.YNode.YScalar;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link YNode#toValue()}: scalars are typed from their text, never by YAML 1.1's guesses. */
class YamlReaderTest {

    private static Object value(String yamlScalar) {
        Problems problems = new Problems();
        YNode node = new YamlReader(problems).read("t.yml", "v: " + yamlScalar + "\n");
        assertThat(problems.list()).isEmpty();
        return ((YMap) node).get("v").toValue();
    }

    @Test
    void decimalIntegersWithoutLeadingZeroAreNumbers() {
        assertThat(value("6688")).isEqualTo(6688L);
        assertThat(value("0")).isEqualTo(0L);
        assertThat(value("-5")).isEqualTo(-5L);
        assertThat(value("+5")).isEqualTo(5L);
        assertThat(value("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void numbersYamlWouldGuessStayText() {
        assertThat(value("0640")).isEqualTo("0640"); // a mode, octal only where the schema says so
        assertThat(value("2.10")).isEqualTo("2.10"); // a version, not 2.1
        assertThat(value("0x514910771AF9Ca656af840dff83E8264EcF986CA")).isEqualTo(
                "0x514910771AF9Ca656af840dff83E8264EcF986CA");
        assertThat(value("0x10")).isEqualTo("0x10");
        assertThat(value("1e3")).isEqualTo("1e3");
        assertThat(value("1_000")).isEqualTo("1_000");
        assertThat(value(".inf")).isEqualTo(".inf");
        assertThat(value("12:30")).isEqualTo("12:30"); // YAML 1.1 sexagesimal
        assertThat(value("2024-01-02")).isEqualTo("2024-01-02");
        assertThat(value("1234567890123456789012")).isEqualTo("1234567890123456789012"); // too big for a long
    }

    @Test
    void onlyTrueAndFalseAreBooleans() {
        assertThat(value("true")).isEqualTo(true);
        assertThat(value("True")).isEqualTo(true);
        assertThat(value("FALSE")).isEqualTo(false);
        assertThat(value("yes")).isEqualTo("yes");
        assertThat(value("no")).isEqualTo("no"); // Norway stays Norway
        assertThat(value("on")).isEqualTo("on");
        assertThat(value("y")).isEqualTo("y");
    }

    @Test
    void nulls() {
        assertThat(value("")).isNull();
        assertThat(value("~")).isNull();
        assertThat(value("null")).isNull();
        assertThat(value("NULL")).isNull();
        assertThat(value("'null'")).isEqualTo("null");
        assertThat(value("nil")).isEqualTo("nil");
    }

    @Test
    void quotedAndBlockScalarsAreAlwaysText() {
        assertThat(value("'6688'")).isEqualTo("6688");
        assertThat(value("\"true\"")).isEqualTo("true");
        assertThat(value("''")).isEqualTo("");
        assertThat(value("|\n  42\n")).isEqualTo("42\n");
        assertThat(value(">-\n  true\n")).isEqualTo("true");
    }

    @Test
    void collectionsKeepOrderAndTypeTheirItems() {
        Problems problems = new Problems();
        YNode node = new YamlReader(problems).read("t.yml", """
                b: [1, 01, x, ~]
                a: {z: 1, y: "2"}
                """);
        Map<String, Object> expected = new HashMap<>();
        expected.put("b", Arrays.asList(1L, "01", "x", null));
        expected.put("a", Map.of("z", 1L, "y", "2"));
        Object v = node.toValue();
        assertThat(v).isEqualTo(expected);
        assertThat(List.copyOf(((Map<?, ?>) v).keySet())).isEqualTo(List.of("b", "a"));
        assertThat(List.copyOf(((Map<?, ?>) ((Map<?, ?>) v).get("a")).keySet())).isEqualTo(List.of("z", "y"));
    }

    @Test
    void scalarsRememberWhereAndHowTheyWereWritten() {
        Problems problems = new Problems();
        YMap map = (YMap) new YamlReader(problems).read("t.yml", "x: 1\ny:\n  - 'two'\n");
        assertThat(map.keyLocation("y").toString()).isEqualTo("t.yml:2:1");
        assertThat(map.get("x")).isEqualTo(new YScalar(new SourceLocation("t.yml", 1, 4), "1", true));
        YNode two = ((YNode.YSeq) map.get("y")).items().get(0);
        assertThat(two).isEqualTo(new YScalar(new SourceLocation("t.yml", 3, 5), "two", false));
        assertThat(two.kind()).isEqualTo("a string");
    }

    @Test
    void anAliasIsTheSameValue() {
        Problems problems = new Problems();
        Object v = new YamlReader(problems).read("t.yml", "a: &x [1, 2]\nb: *x\n").toValue();
        assertThat(v).isEqualTo(Map.of("a", List.of(1L, 2L), "b", List.of(1L, 2L)));
    }

    @Test
    void duplicateKeysInNestedMapsAreAllReported() {
        Problems problems = new Problems();
        new YamlReader(problems).read("t.yml", "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n");
        assertThat(problems.list()).map(Problem::toString).containsExactly(
                "t.yml:4:3: duplicate key 'c' (first defined at line 3) (remove one of them)",
                "t.yml:5:1: duplicate key 'a' (first defined at line 1) (remove one of them)");
    }
}
