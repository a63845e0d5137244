package io.gridsense.analytics;

import java.time.Instant;
import java.util.List;

/**
 * What the pipeline made of one analysed frame: how much moved, the people it found, and any behaviour
 * events that a rule raised on this frame (usually none).
 */
public record FrameAnalysis(
        Instant at,
        int width,
        int height,
        double motionFraction,
        List<Box> people,
        List<BehaviorEvent> events) {

    public FrameAnalysis {
        people = List.copyOf(people);
        events = List.copyOf(events);
    }
}
