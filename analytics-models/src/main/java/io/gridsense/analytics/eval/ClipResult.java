package io.gridsense.analytics.eval;

import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.FrameTrace;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline made of one clip: its alerts, its length, and per behaviour the highest score it reached
 * (score / threshold; 1 or more passes the rule's threshold, ignoring duration), for clip-level verdicts.
 */
public record ClipResult(String clip, List<Alert> alerts, double lengthS, int frames, Map<BehaviorType, Double> maxScore,
                         double msPerFrame, List<TracedFrame> traces) {
    public ClipResult {
        alerts = List.copyOf(alerts);
        maxScore = Map.copyOf(maxScore);
        traces = List.copyOf(traces);
    }

    /** A result without per-frame traces. */
    public ClipResult(String clip, List<Alert> alerts, double lengthS, int frames, Map<BehaviorType, Double> maxScore,
                      double msPerFrame) {
        this(clip, alerts, lengthS, frames, maxScore, msPerFrame, List.of());
    }

    /** The rules' inputs at {@code tS} seconds into the clip. */
    public record TracedFrame(double tS, FrameTrace trace) {
    }
}
