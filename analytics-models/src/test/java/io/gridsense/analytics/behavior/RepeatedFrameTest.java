package io.gridsense.analytics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import io.gridsense.analytics.Box;
import java.time.Instant;
import java.util.Random;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * A frame that repeats the previous one (footage filled up to a higher frame rate) is not measured, and the flow that
 * follows is the same as if the repeat had never been there: it spans from the frame the repeat copied.
 */
class RepeatedFrameTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Box ROI = new Box(0.3, 0.2, 0.4, 0.6, 1);

    /** A 320x180 grey frame: a striped background and a textured block shifted {@code dx} pixels, plus noise. */
    private static Mat frame(int dx, long noiseSeed, int noise) {
        Random texture = new Random(3);
        int[][] block = new int[60][40];
        for (int[] row : block) {
            for (int i = 0; i < row.length; i++) {
                row[i] = 40 + texture.nextInt(180);
            }
        }
        Random grain = new Random(noiseSeed);
        Mat m = new Mat(180, 320, CV_8UC1);
        try (UByteIndexer ix = m.createIndexer()) {
            for (int y = 0; y < 180; y++) {
                for (int x = 0; x < 320; x++) {
                    int bx = x - 140 - dx;
                    int by = y - 60;
                    int v = bx >= 0 && bx < 40 && by >= 0 && by < 60 ? block[by / 4][bx] : 100 + (x + y) % 40;
                    ix.put(y, x, Math.max(0, Math.min(255, v + (noise > 0 ? grain.nextInt(2 * noise + 1) - noise : 0))));
                }
            }
        }
        return m;
    }

    private static MotionEnergy.Features measure(MotionEnergy e, Mat grey, double atS) {
        return e.measure(grey, T0.plusMillis((long) (atS * 1000)), ROI, 60);
    }

    @Test
    void aRepeatedFrameIsSkippedAndTheNextPairSpansFromTheFrameItCopied() {
        try (MotionEnergy withRepeat = new MotionEnergy(); MotionEnergy without = new MotionEnergy();
             Mat a = frame(0, 1, 0); Mat b = frame(3, 2, 0); Mat c = frame(6, 3, 0)) {
            assertThat(measure(withRepeat, a, 0)).isNull();
            assertThat(measure(without, a, 0)).isNull();
            MotionEnergy.Features first = measure(withRepeat, b, 0.1);
            assertThat(first).isNotNull();
            assertThat(first.speed()).isGreaterThan(0);
            assertThat(measure(without, b, 0.1)).isNotNull();
            // the repeat (an exact copy of b, 0.05 s later) is not measured
            try (Mat copy = b.clone()) {
                assertThat(measure(withRepeat, copy, 0.15)).isNull();
            }
            MotionEnergy.Features after = measure(withRepeat, c, 0.2);
            MotionEnergy.Features plain = measure(without, c, 0.2);
            assertThat(after.speed()).isEqualTo(plain.speed());
            assertThat(after.acceleration()).isEqualTo(plain.acceleration());
            assertThat(after.vifShare()).isEqualTo(plain.vifShare());
            assertThat(after.blocks()).containsExactly(plain.blocks());
        }
    }

    @Test
    void aOnePixelMoveIsMeasuredNotTakenForARepeat() {
        try (MotionEnergy e = new MotionEnergy(); Mat a = frame(0, 1, 0); Mat b = frame(1, 1, 0); Mat c = frame(2, 1, 0)) {
            measure(e, a, 0);
            assertThat(measure(e, b, 0.1)).isNotNull();
            // too slow to count as moving (under a pixel per frame pair), but a pair that was measured
            assertThat(measure(e, c, 0.2)).isNotNull();
        }
    }
}
