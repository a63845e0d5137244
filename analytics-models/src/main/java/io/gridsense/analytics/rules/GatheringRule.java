package io.gridsense.analytics.rules;

import io.gridsense.analytics.Point;
import java.time.Duration;
import java.util.List;

/**
 * A gathering rule with the settings commercial NVRs expose: at least {@code minPeople} people inside
 * {@code region} (normalised polygon; empty means the whole frame) for at least {@code minDuration};
 * after an alarm, the same rule stays quiet for {@code repeatInterval}. {@code sensitivity} (0..1)
 * lowers the detector's score threshold as it rises. {@code minDensity} (0..1, 0 = off, the default) also raises
 * the alarm when the region's occupancy reaches it, for crowds too dense to count person by person.
 */
public record GatheringRule(
        String id,
        List<Point> region,
        int minPeople,
        Duration minDuration,
        Duration repeatInterval,
        double sensitivity,
        double minDensity) {

    /** A count-only rule (no density threshold), as before the density option existed. */
    public GatheringRule(String id, List<Point> region, int minPeople, Duration minDuration, Duration repeatInterval,
                         double sensitivity) {
        this(id, region, minPeople, minDuration, repeatInterval, sensitivity, 0);
    }

    public GatheringRule {
        region = region == null ? List.of() : List.copyOf(region);
        if (minPeople < 2) {
            throw new IllegalArgumentException("gathering rule " + id + ": minPeople must be at least 2, got " + minPeople);
        }
        if (minDuration == null || minDuration.isNegative()) {
            throw new IllegalArgumentException("gathering rule " + id + ": minDuration must be zero or more");
        }
        if (repeatInterval == null || repeatInterval.isNegative()) {
            throw new IllegalArgumentException("gathering rule " + id + ": repeatInterval must be zero or more");
        }
        if (sensitivity < 0 || sensitivity > 1) {
            throw new IllegalArgumentException("gathering rule " + id + ": sensitivity must be within 0..1, got " + sensitivity);
        }
        if (!(minDensity >= 0 && minDensity <= 1)) {
            throw new IllegalArgumentException("gathering rule " + id + ": minDensity must be within 0..1 (0 = off), got "
                    + minDensity);
        }
    }

    /** Whether the rule also fires on density (needs the occupancy estimate, which costs ~1 ms a frame). */
    public boolean usesDensity() {
        return minDensity > 0;
    }
}
