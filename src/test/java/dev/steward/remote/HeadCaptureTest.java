package dev.steward.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeadCaptureTest {

    @Test
    void keepsTheHeadAndCountsTheRest() {
        HeadCapture capture = new HeadCapture(5);
        capture.write("abc".getBytes(), 0, 3);
        assertThat(capture.truncated()).isFalse();
        capture.write("defgh".getBytes(), 0, 5);
        assertThat(capture.text()).isEqualTo("abcde");
        assertThat(capture.truncated()).isTrue();
        assertThat(capture.totalBytes()).isEqualTo(8);
    }
}
