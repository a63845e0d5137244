package io.gridsense.analytics.rules;

import io.gridsense.analytics.Point;
import java.time.Duration;
import java.util.List;

/**
 * A fight rule: violent, chaotic motion among close people inside {@code region} (normalised polygon;
 * empty means the whole frame) for at least {@code minDuration}; quiet for {@code repeatInterval} after an
 * alarm. {@code sensitivity} (0..1) lowers the motion-score threshold as it rises.
 */
public record FightRule(
        String id,
        List<Point> region,
        Duration minDuration,
        Duration repeatInterval,
        double sensitivity) {

    public FightRule {
        region = region == null ? List.of() : List.copyOf(region);
        if (minDuration == null || minDuration.isNegative()) {
            throw new IllegalArgumentException("fight rule " + id + ": minDuration must be zero or more");
        }
        if (repeatInterval == null || repeatInterval.isNegative()) {
            throw new IllegalArgumentException("fight rule " + id + ": repeatInterval must be zero or more");
        }
        if (sensitivity < 0 || sensitivity > 1) {
            throw new IllegalArgumentException("fight rule " + id + ": sensitivity must be within 0..1, got " + sensitivity);
        }
    }
}
