package io.gridsense.analytics.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_64FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.randn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seed names one set of clips: generating it twice, on another thread whose OpenCV random generator has been used
 * before, writes the same bytes (held-out evaluation and training are only reproducible if it does).
 */
class SceneSetDeterminismTest {
    private static final SceneSet.Format SMALL = new SceneSet.Format(320, 180, 5, Duration.ofSeconds(14));

    @Test
    void sameSeedSameBytes(@TempDir Path dir) throws Exception {
        SceneSet.generate(dir.resolve("a"), 2, 77, SMALL, null);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try (Mat m = new Mat(8, 8, CV_8UC1)) {
                randn(m, new Mat(1, 1, CV_64FC1, new Scalar(0.0)), new Mat(1, 1, CV_64FC1, new Scalar(5.0))); // moves this thread's shared generator
                SceneSet.generate(dir.resolve("b"), 2, 77, SMALL, null);
            } catch (Exception e) {
                failure.set(e);
            }
        });
        other.start();
        other.join();
        assertThat(failure.get()).isNull();
        for (String clip : new String[] {"s77-000-fight.mp4", "s77-001-gathering.mp4"}) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(clip))).as(clip)
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(clip)));
        }
        assertThat(Files.readString(dir.resolve("b/labels.csv"))).isEqualTo(Files.readString(dir.resolve("a/labels.csv")));
    }
}
