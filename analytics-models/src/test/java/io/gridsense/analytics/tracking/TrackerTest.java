package io.gridsense.analytics.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.Box;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Box person(double cx, double score) {
        return new Box(cx - 0.04, 0.3, 0.08, 0.45, score);
    }

    @Test
    void aWalkerKeepsOneIdAndOneMissedFrameKeepsTheCount() {
        Tracker tracker = new Tracker();
        long id = -1;
        for (int i = 0; i < 20; i++) {
            Instant at = T0.plusMillis(i * 200L);
            double cx = 0.1 + 0.03 * i;
            tracker.update(i == 10 ? List.of() : List.of(person(cx, 0.9)), at);
            List<Track> now = tracker.current();
            if (i >= 1) {
                assertThat(now).hasSize(1);
                if (id < 0) {
                    id = now.get(0).id();
                }
                assertThat(now.get(0).id()).isEqualTo(id);
            }
        }
    }

    @Test
    void oneDetectionIsNotYetAPersonAndDuplicatesCountOnce() {
        Tracker tracker = new Tracker();
        tracker.update(List.of(person(0.5, 0.99)), T0);
        assertThat(tracker.current()).isEmpty();
        // Two overlapping boxes on the same person (HOG at two scales).
        Box big = new Box(0.455, 0.28, 0.09, 0.49, 0.8);
        tracker.update(List.of(person(0.5, 0.9), big), T0.plusMillis(200));
        tracker.update(List.of(person(0.5, 0.9), big), T0.plusMillis(400));
        assertThat(tracker.current()).hasSize(1);
    }

    @Test
    void peopleWhoLeaveAreForgotten() {
        Tracker tracker = new Tracker();
        for (int i = 0; i < 5; i++) {
            tracker.update(List.of(person(0.3, 0.9), person(0.7, 0.9)), T0.plusMillis(i * 200L));
        }
        assertThat(tracker.current()).hasSize(2);
        tracker.update(List.of(person(0.3, 0.9)), T0.plusMillis(2400));
        assertThat(tracker.current()).hasSize(1);
    }
}
