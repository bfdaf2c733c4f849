package dev.steward.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateNamesTest {

    private static List<String> template(String text) {
        TemplateNames.Scan s = TemplateNames.template(text);
        assertThat(s.opaque()).as(text).isFalse();
        return s.uses().stream().map(TemplateNames.Use::name).toList();
    }

    private static List<String> expression(String text) {
        TemplateNames.Scan s = TemplateNames.expression(text);
        assertThat(s.opaque()).as(text).isFalse();
        return s.uses().stream().map(TemplateNames.Use::name).toList();
    }

    @Test
    void topLevelNamesOnly() {
        assertThat(template("/etc/${app}/${conf.name}.toml")).containsExactly("app", "conf");
        assertThat(template("${a.b.c?upper_case} ${x[\"k\"]} ${y[k]}")).containsExactly("a", "x", "y", "k");
        assertThat(template("text $ { not } and ${\"literal ${inner}\"} ${r\"${raw}\"}")).containsExactly("inner");
        assertThat(template("${.now} ${.vars[\"x\"]} ${1..n}")).containsExactly("n");
        assertThat(expression("facts.os.id == \"debian\" && !(skip!false) && n gt 2")).containsExactly("facts", "n");
    }

    @Test
    void guardedNamesAreSafeEverywhereInTheText() {
        assertThat(template("${a!\"d\"} ${b??} ${(c.d)!} ${e?default(1)} ${f?has_content}")).isEmpty();
        assertThat(template("<#if x??>${x}</#if>")).isEmpty();
        assertThat(expression("x?? && x == 1")).isEmpty();
        assertThat(expression("a != b")).containsExactly("a", "b");
    }

    @Test
    void namesTheTemplateDefinesAreNotReads() {
        assertThat(template("<#list users as u>${u.name} ${u?index}</#list>")).containsExactly("users");
        assertThat(template("<#list m as k, v>${k}=${v}</#list>")).containsExactly("m");
        assertThat(template("<#list xs><#items as x>${x}</#items></#list>")).containsExactly("xs");
        assertThat(template("<#assign total = 0 n = base + 1>${total} ${n}")).containsExactly("base");
        assertThat(template("<#macro greet who>${who}</#macro><@greet who=name/>")).containsExactly("name");
        assertThat(template("${xs?filter(x -> x.on)?size}")).containsExactly("xs");
        assertThat(template("<#-- ${commented} --><#noparse>${raw}</#noparse>")).isEmpty();
    }

    @Test
    void whatCannotBeSeenIsOpaque() {
        assertThat(TemplateNames.template("<#include \"x.ftl\">${y}").opaque()).isTrue();
        assertThat(TemplateNames.template("<#attempt>${y}<#recover>n</#attempt>").opaque()).isTrue();
    }

    @Test
    void membersAfterAVariableAreRemembered() {
        TemplateNames.Scan s = TemplateNames.expression("facts.os.idd == \"x\" && facts.cpu?c > 1");
        assertThat(s.uses()).extracting(TemplateNames.Use::path).containsExactly(List.of("os", "idd"), List.of("cpu"));
    }
}
