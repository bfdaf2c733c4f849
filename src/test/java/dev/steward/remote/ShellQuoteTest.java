package dev.steward.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "it's", "'", "''", "a b\tc", "$HOME `id` $(id) \\ \" ! * ?", "line\nbreak", "é€"})
    void theShellReadsBackExactlyTheOriginal(String original) throws Exception {
        Process sh = new ProcessBuilder("/bin/sh", "-c", "printf '%s' " + ShellQuote.quote(original)).start();
        String echoed = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.waitFor()).isZero();
        assertThat(echoed).isEqualTo(original);
    }
}
