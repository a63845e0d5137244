package io.gridsense.analytics.scene;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.FrameAnalysis;
import io.gridsense.analytics.rules.FightRule;
import io.gridsense.analytics.rules.GatheringRule;
import io.gridsense.analytics.rules.RuleSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End to end on rendered clips: render a scene to MP4, decode it back with FFmpeg, feed ~5 fps to the
 * pipeline with the minimum durations scaled down to 5 s, and check the behaviours it reports.
 */
class ScenePipelineTest {
    private static final Logger LOG = LoggerFactory.getLogger(ScenePipelineTest.class);
    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");
    private static final RuleSet RULES = new RuleSet(
            new GatheringRule("gathering", List.of(), 4, Duration.ofSeconds(5), Duration.ofMinutes(2), 0.5),
            new FightRule("fight", List.of(), Duration.ofSeconds(5), Duration.ofMinutes(2), 0.5));

    @TempDir
    Path dir;

    private record Run(List<FrameAnalysis> frames, List<BehaviorEvent> events, double msPerFrame, long detectorRuns) {
        long count(BehaviorType type) {
            return events.stream().filter(e -> e.type() == type).count();
        }
    }

    private Run run(DemoScene scene, long seed, int seconds) throws Exception {
        Path clip = dir.resolve(scene.name().toLowerCase() + ".mp4");
        SceneVideo.write(scene, seed, clip, 640, 360, 10, Duration.ofSeconds(seconds));
        List<FrameAnalysis> frames = new ArrayList<>();
        List<BehaviorEvent> events = new ArrayList<>();
        long nanos = 0;
        long runs;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
             CameraPipeline pipeline = CameraPipeline.withDefaults(RULES)) {
            grabber.start();
            Frame f;
            int i = 0;
            while ((f = grabber.grabImage()) != null) {
                // 10 fps clip, every second frame: the agent's ~5 fps analysis rate.
                if (i % 2 == 0) {
                    Mat bgr = converter.convert(f);
                    long t = System.nanoTime();
                    FrameAnalysis a = pipeline.analyse(bgr, T0.plusMillis(i * 100L));
                    nanos += System.nanoTime() - t;
                    frames.add(a);
                    events.addAll(a.events());
                }
                i++;
            }
            grabber.stop();
            runs = pipeline.detectorRuns();
        }
        double ms = nanos / 1e6 / Math.max(1, frames.size());
        LOG.info("scene run scene={} frames={} detectorRuns={} events={} msPerFrame={}", scene, frames.size(), runs,
                events.stream().map(e -> e.type() + "@" + Duration.between(T0, e.detectedAt()).toSeconds() + "s").toList(),
                String.format("%.1f", ms));
        return new Run(frames, events, ms, runs);
    }

    @Test
    void gatheringSceneRaisesGatheringAndNoFight() throws Exception {
        Run r = run(DemoScene.GATHERING, 11, 25);
        assertThat(r.count(BehaviorType.GATHERING)).isGreaterThanOrEqualTo(1);
        assertThat(r.count(BehaviorType.FIGHT)).isZero();
        BehaviorEvent e = r.events().stream().filter(x -> x.type() == BehaviorType.GATHERING).findFirst().orElseThrow();
        assertThat(e.peopleCount()).isGreaterThanOrEqualTo(4);
        assertThat(e.region()).hasSize(4);
        assertThat(e.confidence()).isBetween(0.0, 1.0);
        // The group stands from ~5 s to ~19 s: most frames then count 4+ people.
        long mid = r.frames().stream().filter(a -> between(a, 7, 17)).count();
        long crowded = r.frames().stream().filter(a -> between(a, 7, 17) && a.people().size() >= 4).count();
        assertThat(crowded).isGreaterThan(mid * 7 / 10);
    }

    @Test
    void fightSceneRaisesFight() throws Exception {
        Run r = run(DemoScene.FIGHT, 12, 20);
        assertThat(r.count(BehaviorType.FIGHT)).isGreaterThanOrEqualTo(1);
        assertThat(r.count(BehaviorType.GATHERING)).isZero();
    }

    @Test
    void walkingSceneRaisesNothing() throws Exception {
        Run r = run(DemoScene.WALKING, 13, 25);
        assertThat(r.events()).isEmpty();
        assertThat(r.frames().stream().mapToInt(a -> a.people().size()).max().orElse(0)).isBetween(1, 4);
    }

    @Test
    void emptySceneRaisesNothingAndCountsNobody() throws Exception {
        Run r = run(DemoScene.EMPTY, 14, 20);
        assertThat(r.events()).isEmpty();
        double meanPeople = r.frames().stream().mapToInt(a -> a.people().size()).average().orElse(0);
        assertThat(meanPeople).isLessThan(0.05);
        // The motion gate keeps the detector off a quiet camera most of the time.
        assertThat(r.detectorRuns()).isLessThan(r.frames().size() / 4);
    }

    private static boolean between(FrameAnalysis a, int fromS, int toS) {
        long s = Duration.between(T0, a.at()).toSeconds();
        return s >= fromS && s < toS;
    }
}
