package io.gridsense.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-partition ingest window: one line per window that saw batches, then counting starts over. */
class IngestWindowStatsTest {

    @Test
    void logsOncePerWindowAndStartsOver() {
        long t0 = 1_000_000_000L;
        IngestWindowStats s = new IngestWindowStats(2, t0);
        s.batch(200, TimeUnit.MILLISECONDS.toNanos(40), TimeUnit.MILLISECONDS.toNanos(25));
        s.batch(12, TimeUnit.MILLISECONDS.toNanos(3), TimeUnit.MILLISECONDS.toNanos(6));
        assertThat(s.maybeLog(t0 + TimeUnit.SECONDS.toNanos(3))).as("window not over").isFalse();
        assertThat(s.messages()).isEqualTo(212);
        assertThat(s.maybeLog(t0 + IngestWindowStats.WINDOW.toNanos())).isTrue();
        assertThat(s.messages()).as("a new window").isZero();
        assertThat(s.maybeLog(t0 + 2 * IngestWindowStats.WINDOW.toNanos())).as("an idle window logs nothing").isFalse();
    }
}
