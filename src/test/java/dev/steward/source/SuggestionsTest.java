package dev.steward.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "Did you mean …?": typos by edit distance, cut-short words by prefix, nothing when unsure. */
class SuggestionsTest {

    private static final List<String> STATES = List.of("started", "stopped", "restarted", "reloaded");

    @Test
    void aTypoGetsTheClosestName() {
        assertThat(Suggestions.closest("stoped", STATES)).contains("stopped");
        assertThat(Suggestions.closest("gather_fact", List.of("gather_facts", "hosts"))).contains("gather_facts");
        assertThat(Suggestions.closest("Hosts", List.of("gather_facts", "hosts"))).contains("hosts");
    }

    @Test
    void aCutShortWordGetsTheOneNameItBegins() {
        assertThat(Suggestions.didYouMean("start", STATES)).isEqualTo("did you mean 'started'?");
        assertThat(Suggestions.closest("prod", List.of("production", "staging", "lab"))).contains("production");
    }

    @Test
    void anOlderAnsibleSpellingGetsTodaysWordWhenItIsAChoice() {
        assertThat(Suggestions.didYouMean("installed", List.of("present", "absent", "latest")))
                .isEqualTo("did you mean 'present'?");
        assertThat(Suggestions.closest("running", STATES)).contains("started");
        assertThat(Suggestions.closest("installed", STATES)).isEmpty();
    }

    @Test
    void nothingWhenNoNameIsCloseOrThePrefixIsAmbiguousOrTooShort() {
        assertThat(Suggestions.closest("installed", List.of("started", "stopped"))).isEmpty();
        assertThat(Suggestions.closest("re", STATES)).isEmpty();
        assertThat(Suggestions.closest("res", List.of("restarted", "restore"))).isEmpty();
        assertThat(Suggestions.didYouMean("zzz", STATES)).isEmpty();
    }
}
