package io.gridsense.analytics.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HoldTimerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(double s) {
        return T0.plusMillis(Math.round(s * 1000));
    }

    @Test
    void firesOnlyAfterMinDurationWithTheEpisodeStart() {
        HoldTimer timer = new HoldTimer(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMinutes(2));
        for (double s = 0; s < 5; s += 0.2) {
            assertThat(timer.update(true, at(s))).isEmpty();
        }
        assertThat(timer.update(true, at(5.0))).contains(at(0));
    }

    @Test
    void shortDropoutsDoNotRestartButLongOnesDo() {
        HoldTimer timer = new HoldTimer(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMinutes(2));
        timer.update(true, at(0));
        timer.update(false, at(1.0));
        timer.update(false, at(1.8));
        assertThat(timer.since()).contains(at(0));
        assertThat(timer.update(true, at(2.0))).isEmpty();
        timer.update(false, at(3.0));
        assertThat(timer.update(true, at(3.5))).isEmpty();
        assertThat(timer.update(true, at(5.0))).contains(at(0));

        HoldTimer other = new HoldTimer(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMinutes(2));
        other.update(true, at(0));
        other.update(false, at(1.0));
        other.update(false, at(3.5));
        assertThat(other.since()).isEmpty();
        assertThat(other.update(true, at(4.0))).isEmpty();
        assertThat(other.update(true, at(8.9))).isEmpty();
        assertThat(other.update(true, at(9.0))).contains(at(4.0));
    }

    @Test
    void staysQuietForTheRepeatIntervalThenFiresAgain() {
        HoldTimer timer = new HoldTimer(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30));
        int alarms = 0;
        Optional<Instant> first = Optional.empty();
        for (double s = 0; s <= 40; s += 0.5) {
            Optional<Instant> fired = timer.update(true, at(s));
            if (fired.isPresent()) {
                alarms++;
                if (first.isEmpty()) {
                    first = Optional.of(at(s));
                }
            }
        }
        assertThat(alarms).isEqualTo(2);
        assertThat(first).contains(at(2));
    }
}
