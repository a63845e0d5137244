package io.gridsense.analytics.eval;

import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.FrameAnalysis;
import io.gridsense.analytics.rules.RuleSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Runs the agent's pipeline over one clip at the agent's analysis rate and records what it raised. */
public final class ClipRunner {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Makes a fresh pipeline for each clip (as for a new camera), knowing how long the clip is. */
    @FunctionalInterface
    public interface Pipelines {
        CameraPipeline create(RuleSet rules, double clipSeconds);

        /** The agent's pipeline, whatever the clip's length. */
        static Pipelines agent() {
            return (rules, clipSeconds) -> CameraPipeline.withDefaults(rules);
        }
    }

    private final Pipelines pipelines;
    private final RuleSet rules;
    private final double fps;

    /** {@code pipelines} makes a fresh pipeline per clip, e.g. {@code CameraPipeline::forClipVerdicts}. */
    public ClipRunner(Pipelines pipelines, RuleSet rules, double fps) {
        this.pipelines = pipelines;
        this.rules = rules;
        this.fps = fps;
    }

    public ClipResult run(Path clip) throws Exception {
        List<Alert> alerts = new ArrayList<>();
        Map<BehaviorType, Double> max = new EnumMap<>(BehaviorType.class);
        for (BehaviorType t : BehaviorType.values()) {
            max.put(t, 0.0);
        }
        List<ClipResult.TracedFrame> traces = new ArrayList<>();
        long[] nanos = {0};
        int[] frames = {0};
        double length;
        try (CameraPipeline p = pipelines.create(rules, ClipFrames.length(clip))) {
            length = ClipFrames.play(clip, fps, (bgr, t) -> {
                long n0 = System.nanoTime();
                FrameAnalysis a = p.analyse(bgr, T0.plusNanos((long) (t * 1e9)));
                nanos[0] += System.nanoTime() - n0;
                frames[0]++;
                for (BehaviorEvent e : a.events()) {
                    alerts.add(new Alert(e.type(), seconds(e.detectedAt()), seconds(e.startedAt())));
                }
                p.scores().forEach((type, s) -> max.merge(type, s, Math::max));
                traces.add(new ClipResult.TracedFrame(t, p.trace()));
            }, (bgr, t) -> {
                // the camera's in-between frames (fight flow only): their cost counts towards the analysed frames'
                long n0 = System.nanoTime();
                p.between(bgr, T0.plusNanos((long) (t * 1e9)));
                nanos[0] += System.nanoTime() - n0;
            });
        }
        return new ClipResult(clip.getFileName().toString(), alerts, length, frames[0], max,
                nanos[0] / 1e6 / Math.max(1, frames[0]), traces);
    }

    /** Seconds since the start of the clip for an instant of the runner's clock. */
    static double seconds(Instant at) {
        return Duration.between(T0, at).toNanos() / 1e9;
    }
}
