package io.gridsense.analytics.scene;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.Box;
import io.gridsense.analytics.Point;
import io.gridsense.analytics.behavior.FrameContext;
import io.gridsense.analytics.behavior.GatheringAnalyzer;
import io.gridsense.analytics.density.Occupancy;
import io.gridsense.analytics.density.OccupancyEstimator;
import io.gridsense.analytics.motion.MotionGate;
import io.gridsense.analytics.rules.GatheringRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The occupancy layer on rendered scenes: a dense crowd that walks in and then stands still (MOG2 would absorb it)
 * stays occupied; the empty plaza under a sudden lighting change stays empty; and a gathering rule with a density
 * threshold fires on the crowd although no one is counted, while the default rule (no density) does not.
 */
class DensityTest {
    private static final Logger LOG = LoggerFactory.getLogger(DensityTest.class);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** The crowd's area (normalised): x 0.30-0.70, y 0.45-0.95. */
    private static final List<Point> REGION = List.of(new Point(0.3, 0.45), new Point(0.7, 0.45),
            new Point(0.7, 0.95), new Point(0.3, 0.95));
    private static final double LENGTH = 40;

    /** 14 people walk in from both sides over the first 8 s and stand packed together until the end. */
    private static List<Actor> crowd(long seed) {
        Random rnd = new Random(seed);
        List<Actor> out = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            double x = 215 + (i % 5) * 52 + rnd.nextDouble() * 14;
            double y = 250 + (i / 5) * 38 + rnd.nextDouble() * 10;
            double from = i % 2 == 0 ? -40 : 680;
            double arrive = 3 + i * 0.35;
            Actor a = new Actor(new Figure(rnd), rnd.nextDouble() * 6);
            a.walk(0, arrive, from, y, x, y).stand(arrive, LENGTH + 1, x, y, rnd.nextBoolean() ? 1 : -1);
            out.add(a);
        }
        return out;
    }

    /** Density in REGION per analysed frame (5 fps), through the motion gate's grey frame as in the pipeline. */
    private static List<Double> run(List<Actor> actors, Look look, GatheringAnalyzer analyzer, List<BehaviorEvent> events) {
        List<Double> density = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        try (SceneRenderer r = new SceneRenderer(actors, look, 3, 640, 360, Duration.ofSeconds((long) LENGTH));
             MotionGate gate = new MotionGate(); OccupancyEstimator occ = new OccupancyEstimator(); Mat frame = new Mat()) {
            for (int i = 0; i < LENGTH * 5; i++) {
                double t = i / 5.0;
                r.render(t, frame);
                var motion = gate.update(frame);
                long t0 = System.nanoTime();
                Occupancy o = occ.update(gate.grey(), List.of());
                density.add(o.density(REGION));
                ms.add((System.nanoTime() - t0) / 1e6);
                if (analyzer != null) {
                    // Too dense to count: the detector is assumed to separate nobody.
                    events.addAll(analyzer.analyse(new FrameContext(T0.plusMillis(i * 200L), 640, 360,
                            motion.fraction(), List.<Box>of(), motion.boxes(), gate.grey(), List.of(), o)));
                }
            }
        }
        ms.sort(null);
        LOG.info("occupancy update + density: median {} ms, p10 {} p90 {}", ms.get(ms.size() / 2),
                ms.get(ms.size() / 10), ms.get(ms.size() * 9 / 10));
        return density;
    }

    @Test
    void aStillDenseCrowdStaysOccupiedAndTheEmptyPlazaStaysEmptyThroughALightingStep() {
        // Empty plaza, noise and JPEG blocks, brightness dropping to 80% at 15 s.
        Look dim = new Look(0.04, 15, 0.8, 0, -1, 0, 5, 50);
        List<Double> empty = run(List.of(), dim, null, null);
        List<Double> crowd = run(crowd(7), new Look(0.03, -1, 1, 0, -1, 0, 3, 0), null, null);
        double emptyMax = empty.subList(10, empty.size()).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double crowdMin = crowd.subList(75, crowd.size()).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        LOG.info("density empty max {} ; crowd (standing 10-38 s) min {} last {}", emptyMax, crowdMin,
                crowd.get(crowd.size() - 1));
        assertThat(emptyMax).as("empty plaza, lighting step at 15 s").isLessThan(0.05);
        // 14 people of ~150 px in a 256x180 px region cover well over a third of it, standing still for 30 s.
        assertThat(crowdMin).as("standing dense crowd").isGreaterThan(0.3);
    }

    @Test
    void aDensityThresholdRaisesAGatheringThatTheCountCannot() {
        GatheringRule countOnly = new GatheringRule("g", REGION, 4, Duration.ofSeconds(10), Duration.ofMinutes(2), 0.5);
        GatheringRule withDensity = new GatheringRule("g", REGION, 4, Duration.ofSeconds(10), Duration.ofMinutes(2),
                0.5, 0.3);
        List<BehaviorEvent> none = new ArrayList<>();
        run(crowd(9), new Look(0.03, -1, 1, 0, -1, 0, 3, 0), new GatheringAnalyzer(countOnly), none);
        assertThat(none).as("count-only rule, nobody counted").isEmpty();
        List<BehaviorEvent> events = new ArrayList<>();
        run(crowd(9), new Look(0.03, -1, 1, 0, -1, 0, 3, 0), new GatheringAnalyzer(withDensity), events);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).region()).isEqualTo(REGION);
        // The crowd is dense in the region from ~6 s on; 10 s later the alarm.
        assertThat(Duration.between(T0, events.get(0).detectedAt())).isBetween(Duration.ofSeconds(12),
                Duration.ofSeconds(25));
    }

    @Test
    void thePipelineComputesDensityOnlyForARuleThatAsksForIt() {
        // The whole camera path (motion gate, HOG, tracker, occupancy, analyzer) on the rendered crowd, with a
        // people threshold the detector cannot reach in a crowd this dense.
        GatheringRule rule = new GatheringRule("dense", REGION, 12, Duration.ofSeconds(10), Duration.ofMinutes(2),
                0.5, 0.3);
        List<BehaviorEvent> events = new ArrayList<>();
        try (SceneRenderer r = new SceneRenderer(crowd(11), new Look(0.03, -1, 1, 0, -1, 0, 3, 0), 3, 640, 360,
                Duration.ofSeconds((long) LENGTH));
             io.gridsense.analytics.CameraPipeline p = io.gridsense.analytics.CameraPipeline.withDefaults(
                     new io.gridsense.analytics.rules.RuleSet(rule, null));
             Mat frame = new Mat()) {
            for (int i = 0; i < 30 * 5; i++) {
                r.render(i / 5.0, frame);
                events.addAll(p.analyse(frame, T0.plusMillis(i * 200L)).events());
            }
        }
        assertThat(events).hasSize(1);
        assertThat(events.get(0).ruleId()).isEqualTo("dense");
        LOG.info("pipeline density alarm at {} people≈{}", events.get(0).detectedAt(), events.get(0).peopleCount());
    }
}
