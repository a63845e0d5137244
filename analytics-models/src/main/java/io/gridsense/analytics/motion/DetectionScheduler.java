package io.gridsense.analytics.motion;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides per frame whether the (expensive) person detector runs: while there is motion or shortly after it,
 * and at least every {@code refresh} while people are known to be present, because a crowd standing still
 * makes little motion but must still be counted. A quiet, empty camera never runs it.
 */
public final class DetectionScheduler {
    /** Minimum moving share of the frame that counts as motion. */
    static final double MOTION_MIN = 0.001;

    private final Duration hangover;
    private final Duration refresh;
    private Instant lastMotion;
    private Instant lastRun;

    public DetectionScheduler() {
        this(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    public DetectionScheduler(Duration hangover, Duration refresh) {
        this.hangover = hangover;
        this.refresh = refresh;
    }

    /** Whether to detect on this frame; call {@link #ran} when it did. */
    public boolean shouldDetect(Instant at, double motionFraction, boolean peoplePresent) {
        if (motionFraction >= MOTION_MIN) {
            lastMotion = at;
        }
        boolean moving = lastMotion != null && !at.isAfter(lastMotion.plus(hangover));
        boolean due = peoplePresent && (lastRun == null || !at.isBefore(lastRun.plus(refresh)));
        return moving || due;
    }

    public void ran(Instant at) {
        lastRun = at;
    }
}
