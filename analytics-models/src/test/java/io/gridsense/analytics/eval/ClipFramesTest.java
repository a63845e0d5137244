package io.gridsense.analytics.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.analytics.scene.SceneVideo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clip is sampled as the agent samples a camera: frames at the analysis rate, and, for the fight stage's flow, the
 * first frame at or past each midpoint between two of them; sampling may start later than the first frame.
 */
class ClipFramesTest {
    @TempDir
    Path dir;

    @Test
    void inBetweenFramesFallMidwayBetweenTheSampledOnes() throws Exception {
        Path clip = dir.resolve("empty-25fps.mp4");
        SceneVideo.write(DemoScene.EMPTY, 1, clip, 160, 90, 25, Duration.ofSeconds(2));
        List<Double> sampled = new ArrayList<>();
        List<Double> between = new ArrayList<>();
        ClipFrames.play(clip, 5, (bgr, t) -> sampled.add(t), (bgr, t) -> between.add(t));
        assertThat(sampled).hasSize(10);
        assertThat(between).hasSize(10);
        for (int i = 0; i < sampled.size(); i++) {
            assertThat(sampled.get(i)).isCloseTo(0.2 * i, Offset.offset(1e-6));
            // at 25 fps the first frame at or past t + 0.1 s is t + 0.12 s
            assertThat(between.get(i)).isCloseTo(0.2 * i + 0.12, Offset.offset(1e-6));
        }
        List<Double> alone = new ArrayList<>();
        ClipFrames.play(clip, 5, (bgr, t) -> alone.add(t));
        assertThat(alone).as("without an in-between consumer, the same sampled frames").isEqualTo(sampled);

        // Sampling from 0.08 s (frame 2) on: every sampled frame and every in-between one two source frames later.
        List<Double> later = new ArrayList<>();
        List<Double> laterBetween = new ArrayList<>();
        ClipFrames.play(clip, 5, 0.08, (bgr, t) -> later.add(t), (bgr, t) -> laterBetween.add(t));
        assertThat(later).hasSize(10);
        for (int i = 0; i < later.size(); i++) {
            assertThat(later.get(i)).isCloseTo(0.08 + 0.2 * i, Offset.offset(1e-6));
        }
        // at 25 fps the first frame at or past t + 0.1 s is t + 0.12 s; the last one (2.0 s) is past the clip's end
        assertThat(laterBetween).hasSize(9);
        for (int i = 0; i < laterBetween.size(); i++) {
            assertThat(laterBetween.get(i)).isCloseTo(0.2 + 0.2 * i, Offset.offset(1e-6));
        }
    }
}
