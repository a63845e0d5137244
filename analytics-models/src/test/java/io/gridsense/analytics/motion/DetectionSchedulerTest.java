package io.gridsense.analytics.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DetectionSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void quietEmptyCameraNeverRunsTheDetector() {
        DetectionScheduler s = new DetectionScheduler();
        for (int i = 0; i < 100; i++) {
            assertThat(s.shouldDetect(T0.plusMillis(i * 200L), 0.0, false)).isFalse();
        }
    }

    @Test
    void motionRunsItAndAHangoverFollows() {
        DetectionScheduler s = new DetectionScheduler();
        assertThat(s.shouldDetect(T0, 0.05, false)).isTrue();
        s.ran(T0);
        assertThat(s.shouldDetect(T0.plusMillis(800), 0.0, false)).isTrue();
        assertThat(s.shouldDetect(T0.plusMillis(1400), 0.0, false)).isFalse();
    }

    @Test
    void stillPeopleAreRecheckedEveryTwoSeconds() {
        DetectionScheduler s = new DetectionScheduler();
        int runs = 0;
        for (int i = 0; i < 50; i++) {
            Instant at = T0.plusMillis(i * 200L);
            if (s.shouldDetect(at, 0.0, true)) {
                s.ran(at);
                runs++;
            }
        }
        assertThat(runs).isBetween(5, 6);
    }
}
