package dev.steward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.source.Problem;
import dev.steward.source.Problems;
import dev.steward.source.SourceLocation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Against yaml-nested: hosts bastion, cl1, cl2, mon1; chainlink = primary(cl1) + standby(cl2); monitoring = mon1, cl1. */
class HostPatternTest {

    private final Inventory inventory = InventoryFixtures.read("yaml-nested/inventory.yml");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "cl1                         | cl1",
            "chainlink                   | cl1 cl2",
            "all                         | bastion cl1 cl2 mon1",
            "*                           | bastion cl1 cl2 mon1",
            "cl*                         | cl1 cl2",
            "c?2                         | cl2",
            "cl[!1]                      | cl2",
            "mon*                        | cl1 mon1",
            "~cl\\d                      | cl1 cl2",
            "chainlink:monitoring        | cl1 cl2 mon1",
            "mon1,bastion                | bastion mon1",
            "chainlink:!primary          | cl2",
            "chainlink:&monitoring       | cl1",
            "!chainlink                  | bastion mon1",
            "&monitoring                 | cl1 mon1",
            "!primary:chainlink          | cl2",
            "chainlink:&monitoring:!cl1  | ''",
            "chainlink, !primary         | cl2",
            "chainlink[0]                | cl1",
            "all[-1]                     | mon1",
            "all[1:2]                    | cl1 cl2",
            "all[2:]                     | cl2 mon1",
            "chainlink[5]                | ''",
            "nosuch                      | ''",
    })
    void resolvesLikeAnsible(String pattern, String expected) {
        List<String> names = HostPattern.parse(pattern).resolve(inventory).stream().map(Host::name).toList();
        assertThat(names).containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split(" ")));
    }

    @Test
    void partsAreParsedWithTheirOperation() {
        HostPattern p = HostPattern.parse("web:&prod:!web[0]");
        assertThat(p.terms()).containsExactly(
                new HostPattern.Term(HostPattern.Operation.UNION, "web", "web", java.util.Optional.empty()),
                new HostPattern.Term(HostPattern.Operation.INTERSECTION, "&prod", "prod", java.util.Optional.empty()),
                new HostPattern.Term(HostPattern.Operation.EXCLUSION, "!web[0]", "web",
                        java.util.Optional.of(new HostPattern.Subscript(0, 0))));
    }

    @Test
    void partsNamingNothingAreReportedWithSuggestions() {
        HostPattern p = HostPattern.parse("chainlnk:cl1:!nosuch:&monitoring");
        assertThat(p.unmatched(inventory)).extracting(HostPattern.Term::written).containsExactly("chainlnk", "!nosuch");

        Problems problems = new Problems();
        SourceLocation where = new SourceLocation("site.yml", 3, 10);
        inventory.checkPattern("chainlnk:cl1", where, problems);
        assertThat(problems.list()).extracting(Problem::toString).containsExactly(
                "site.yml:3:10: host pattern 'chainlnk' in 'chainlnk:cl1' matches no host or group of "
                        + inventory.source() + " (did you mean 'chainlink'?)");
    }

    @Test
    void anExistingEmptyGroupIsNotATypo() {
        Inventory ini = InventoryFixtures.read("vars-files/inventory.yml");
        assertThat(HostPattern.parse("ungrouped").resolve(ini)).isEmpty();
        assertThat(HostPattern.parse("ungrouped").unmatched(ini)).isEmpty();
    }

    @Test
    void inventorySelectUsesPatterns() {
        assertThat(inventory.select("monitoring:!mon1")).extracting(Host::name).containsExactly("cl1");
    }
}
