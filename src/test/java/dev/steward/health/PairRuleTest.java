package dev.steward.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairRuleTest {

    private static Map<String, LeaseRole> roles(Object... pairs) {
        Map<String, LeaseRole> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (LeaseRole) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void oneHolderAndAStandbyIsOk() {
        CheckRow row = PairRule.evaluate("chainlink", roles("node1", LeaseRole.HOLDER, "node2", LeaseRole.STANDBY),
                List.of());
        assertThat(row.status()).isEqualTo(Status.OK);
        assertThat(row.host()).isEqualTo("chainlink");
        assertThat(row.check()).isEqualTo("lease_holder");
        assertThat(row.detail()).isEqualTo("node1 holds the lease; standby: node2");
    }

    @Test
    void noHolderFails() {
        CheckRow row = PairRule.evaluate("chainlink", roles("node1", LeaseRole.STANDBY, "node2", LeaseRole.STANDBY),
                List.of());
        assertThat(row.status()).isEqualTo(Status.FAIL);
        assertThat(row.detail()).contains("no node holds the lease").contains("node1, node2");
        assertThat(PairRule.evaluate("chainlink", roles("node1", LeaseRole.DOWN, "node2", LeaseRole.DOWN),
                List.of()).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void twoHoldersFail() {
        CheckRow row = PairRule.evaluate("chainlink", roles("node1", LeaseRole.HOLDER, "node2", LeaseRole.HOLDER),
                List.of());
        assertThat(row.status()).isEqualTo(Status.FAIL);
        assertThat(row.detail()).contains("more than one node answers 6688: node1, node2");
    }

    @Test
    void aHolderWithoutAnyStandbyWarns() {
        CheckRow row = PairRule.evaluate("chainlink", roles("node1", LeaseRole.HOLDER, "node2", LeaseRole.DOWN),
                List.of());
        assertThat(row.status()).isEqualTo(Status.WARN);
        assertThat(row.detail()).contains("no standby");
    }

    @Test
    void uncheckedNodesAreNamedAndOnlyStandbysSeenWarnsRatherThanFails() {
        CheckRow holder = PairRule.evaluate("chainlink", roles("node1", LeaseRole.HOLDER), List.of("node2"));
        assertThat(holder.status()).isEqualTo(Status.OK);
        assertThat(holder.detail()).endsWith("not checked: node2");
        CheckRow standby = PairRule.evaluate("chainlink", roles("node2", LeaseRole.STANDBY), List.of("node1"));
        assertThat(standby.status()).isEqualTo(Status.WARN);
        assertThat(standby.detail()).contains("no checked node holds the lease");
    }
}
