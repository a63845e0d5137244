package io.gridsense.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridsense.analytics.rules.RuleSet;
import io.gridsense.analytics.scene.DemoScene;
import io.gridsense.analytics.scene.SceneRenderer;
import java.time.Duration;
import java.time.Instant;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** The pipeline frees what it allocates per frame (the agent runs for months) and leaves the caller's Mat alone. */
class PipelineResourceTest {

    @Test
    void nativeAllocationsDoNotGrowPerFrameAndCallerMatIsUntouched() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (SceneRenderer scene = new SceneRenderer(DemoScene.FIGHT, 5, 1280, 720, Duration.ofSeconds(20));
             Mat frame = new Mat();
             CameraPipeline pipeline = CameraPipeline.withDefaults(RuleSet.defaults())) {
            // Warm up: buffers inside the pipeline are allocated on the first frames.
            for (int i = 0; i < 15; i++) {
                scene.render(i * 0.2, frame);
                pipeline.analyse(frame, t0.plusMillis(i * 200L));
            }
            long before = Pointer.totalCount();
            for (int i = 15; i < 60; i++) {
                scene.render(i * 0.2, frame);
                FrameAnalysis a = pipeline.analyse(frame, t0.plusMillis(i * 200L));
                assertThat(a.width()).isEqualTo(1280);
                assertThat(frame.isNull()).isFalse();
                assertThat(frame.cols()).isEqualTo(1280);
            }
            long after = Pointer.totalCount();
            assertThat(after - before).isLessThan(20);
            pipeline.updateRules(new RuleSet(null, null));
            scene.render(12.2, frame);
            assertThat(pipeline.analyse(frame, t0.plusSeconds(13)).events()).isEmpty();
        }
    }

    @Test
    void closedPipelineRefusesFrames() {
        CameraPipeline p = CameraPipeline.withDefaults(RuleSet.defaults());
        p.close();
        p.close();
        try (Mat m = new Mat(360, 640, org.bytedeco.opencv.global.opencv_core.CV_8UC3)) {
            assertThatThrownBy(() -> p.analyse(m, Instant.now())).isInstanceOf(IllegalStateException.class);
        }
    }
}
