package dev.steward.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.source.SourceLocation;
import dev.steward.vars.Vars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateEngineTest {

    private final TemplateEngine engine = new TemplateEngine();
    private final SourceLocation here = new SourceLocation("play.yml", 7, 11);

    private Vars vars(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Vars.EMPTY.with("play vars", m, new SourceLocation("play.yml", 3, 5));
    }

    @Test
    void numbersRenderForMachinesNotPeople() {
        assertThat(engine.render("chain ${id}", vars("id", 11155111L), here)).isEqualTo("chain 11155111");
        assertThat(engine.render("${flag}", vars("flag", true), here)).isEqualTo("true");
    }

    @Test
    void aSoleExpressionKeepsItsType() {
        Vars v = vars("ports", List.of(22L, 443L), "n", 3L);
        assertThat(engine.evaluate("${ports}", v, here)).isEqualTo(List.of(22L, 443L));
        assertThat(engine.evaluate("${n + 1}", v, here)).isEqualTo(4L);
        assertThat(engine.evaluate("n=${n}", v, here)).isEqualTo("n=3");
    }

    @Test
    void variablesAreRenderedLazilyWhereUsed() {
        Vars v = vars("app", "chainlink", "dir", "/etc/${app}", "files", Map.of("config", "${dir}/config.toml"));
        assertThat(engine.render("${files.config}", v, here)).isEqualTo("/etc/chainlink/config.toml");
        assertThat(engine.evaluate(Map.of("d", "${dir}"), v, here)).isEqualTo(Map.of("d", "/etc/chainlink"));
    }

    @Test
    void aCycleIsNamed() {
        Vars v = vars("a", "${b}", "b", "x${a}");
        assertThatThrownBy(() -> engine.render("${a}", v, here))
                .isInstanceOf(TemplateError.class)
                .hasMessageContaining("variable cycle: a → b → a");
    }

    @Test
    void anUndefinedVariableIsNamedWithItsLocation() {
        assertThatThrownBy(() -> engine.render("dest: ${nope}", Vars.EMPTY, here))
                .isInstanceOf(TemplateError.class)
                .hasMessage("undefined variable 'nope'")
                .extracting(e -> ((TemplateError) e).where().toString()).isEqualTo("play.yml:7:19");
    }

    @Test
    void anUndefinedVariableInAConditionIsNamedAtItsOwnColumn() {
        assertThatThrownBy(() -> engine.condition("ready && nope", vars("ready", true), here))
                .isInstanceOf(TemplateError.class)
                .hasMessage("undefined variable 'nope'")
                .satisfies(e -> assertThat(((TemplateError) e).where()).isEqualTo(new SourceLocation("play.yml", 7, 20)));
        assertThatThrownBy(() -> engine.condition("nope", Vars.EMPTY, here))
                .hasMessage("undefined variable 'nope'")
                .satisfies(e -> assertThat(((TemplateError) e).where()).isEqualTo(here));
    }

    @Test
    void conditionsAreExpressionsWhereGreaterThanWorks() {
        Vars v = vars("cpus", 4L, "os", "debian");
        assertThat(engine.condition("cpus > 2 && os == \"debian\"", v, here)).isTrue();
        assertThat(engine.condition("(missing!false)", v, here)).isFalse();
        assertThat(engine.condition("missing??", v, here)).isFalse();
        assertThatThrownBy(() -> engine.condition("os", v, here)).hasMessageContaining("not true or false");
    }

    @Test
    void dataIsNeverRenderedAgain() {
        Vars v = Vars.EMPTY.withData("out", Map.of("stdout", "HOME=${HOME}"), "registered");
        assertThat(engine.render("${out.stdout}", v, here)).isEqualTo("HOME=${HOME}");
    }
}
