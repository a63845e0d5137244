package io.gridsense.analytics.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DetectionSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void quietEmptyCameraLooksTwoSecondsInAndThenOnlyEveryTwentySeconds() {
        DetectionScheduler s = new DetectionScheduler();
        StringBuilder looks = new StringBuilder();
        for (int i = 0; i < 250; i++) { // 50 s at 5 fps, nothing moving, nobody known
            Instant at = T0.plusMillis(i * 200L);
            if (s.shouldDetect(at, 0.0, false)) {
                s.ran(at);
                looks.append(i * 200 / 1000.0).append(' ');
            }
        }
        // A group already standing still when the camera starts makes no motion: only these looks can find it.
        assertThat(looks.toString().trim()).isEqualTo("2.0 22.0 42.0");
    }

    @Test
    void someoneFoundOnceOnAStillCameraIsLookedAtAgainAtOnce() {
        DetectionScheduler s = new DetectionScheduler();
        assertThat(s.plan(T0, 0.0, false)).isEqualTo(DetectionScheduler.Plan.SKIP);
        Instant first = T0.plusSeconds(2);
        s.ran(first, s.plan(first, 0.0, false)); // the first quiet look found someone standing still: a tentative track
        assertThat(s.plan(first.plusMillis(200), 0.0, false, true)).isNotEqualTo(DetectionScheduler.Plan.SKIP);
        assertThat(s.plan(first.plusMillis(200), 0.0, false, false)).isEqualTo(DetectionScheduler.Plan.SKIP);
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

    @Test
    void betweenWholeFrameLooksEveryThreeSecondsItLooksOnlyAroundPeopleAndMotion() {
        DetectionScheduler s = new DetectionScheduler();
        StringBuilder plans = new StringBuilder();
        for (int i = 0; i < 35; i++) {
            Instant at = T0.plusMillis(i * 200L);
            DetectionScheduler.Plan p = s.plan(at, 0.05, true);
            plans.append(p.name().charAt(0));
            s.ran(at, p);
        }
        // F at 0 s, 3 s and 6 s; R on every other frame (5 fps, motion all along).
        assertThat(plans.toString()).isEqualTo("F" + "R".repeat(14) + "F" + "R".repeat(14) + "F" + "R".repeat(4));
        DetectionScheduler quiet = new DetectionScheduler();
        assertThat(quiet.plan(T0, 0.0, false)).isEqualTo(DetectionScheduler.Plan.SKIP);
    }

    @Test
    void aCameraAnalysedSlowlyLooksAtTheWholeFrameOnlyEveryTenthLook() {
        DetectionScheduler s = new DetectionScheduler();
        StringBuilder plans = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            Instant at = T0.plusMillis(500L * i); // 2 fps: an overloaded box
            DetectionScheduler.Plan p = s.plan(at, 0.05, true);
            plans.append(p.name().charAt(0));
            s.ran(at, p);
        }
        assertThat(plans.toString()).isEqualTo("F" + "R".repeat(10) + "F" + "R".repeat(10) + "FRR");
    }

    @Test
    void aStillGroupLooksAtTheWholeFrameAtLeastEveryTenSeconds() {
        DetectionScheduler s = new DetectionScheduler();
        StringBuilder plans = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            Instant at = T0.plusMillis(200L * i); // 5 fps, nothing moves, people known: a refresh look every 2 s
            DetectionScheduler.Plan p = s.plan(at, 0, true);
            plans.append(p.name().charAt(0));
            if (p != DetectionScheduler.Plan.SKIP) {
                s.ran(at, p);
            }
        }
        String looks = plans.toString().replace("S", "");
        assertThat(looks).isEqualTo("FRRRRF");
    }
}
