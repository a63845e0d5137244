package io.gridsense.analytics.tracking;

import io.gridsense.analytics.Box;
import java.time.Instant;

/**
 * One person followed across frames: a stable id, the smoothed box, its velocity (normalised units per second),
 * when it was first and last seen, and its recent speed: net displacement over the last ~2 s in its own heights per
 * second (NaN until it has a second of history), which a standing person's jitter does not inflate; and whether
 * they were last found by the look behind a group (standing hidden behind someone), rather than in the open.
 */
public record Track(long id, Box box, double vx, double vy, Instant firstSeen, Instant lastSeen, int hits,
                    double recentSpeed, boolean seenBehind) {

    /**
     * The box moved on by the velocity to time {@code at} (constant-velocity prediction), extrapolating at most
     * 0.4 s: people who stop, turn or lunge back (fights) make longer predictions wrong.
     */
    public Box predictedAt(Instant at) {
        double dt = Math.min(0.4, java.time.Duration.between(lastSeen, at).toMillis() / 1000.0);
        return new Box(box.x() + vx * dt, box.y() + vy * dt, box.w(), box.h(), box.score());
    }

    /** How fast the filter says this person moves, in their own heights per second, on a width x height frame. */
    public double speedInHeights(int width, int height) {
        double h = box.h() * height;
        return h <= 0 ? 0 : Math.hypot(vx * width, vy * height) / h;
    }
}
