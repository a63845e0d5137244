package io.gridsense.analytics;

import java.time.Instant;
import java.util.List;

/**
 * A behaviour that a rule has confirmed: it began at {@code startedAt}, held for the rule's minimum
 * duration and was raised at {@code detectedAt}. {@code region} is the normalised polygon where it happens.
 */
public record BehaviorEvent(
        BehaviorType type,
        String ruleId,
        Instant startedAt,
        Instant detectedAt,
        double confidence,
        int peopleCount,
        List<Point> region) {

    public BehaviorEvent {
        region = List.copyOf(region);
    }
}
