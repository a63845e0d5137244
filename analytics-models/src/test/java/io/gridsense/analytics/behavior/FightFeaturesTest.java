package io.gridsense.analytics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import io.gridsense.analytics.Box;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/**
 * The window vector has its documented layout, its scale-free entries do not change when every speed is scaled, and
 * the region flow (cropped and downscaled to the people's height) tells steady motion from jerky motion and ignores a
 * camera that moves as a whole.
 */
class FightFeaturesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static MotionEnergy.Features f(double speed, double vif, double spread) {
        return blocks(speed, vif, spread, new float[FrameMotion.BLOCKS * FrameMotion.BLOCKS]);
    }

    private static MotionEnergy.Features blocks(double speed, double vif, double spread, float[] blocks) {
        return new MotionEnergy.Features(speed, 0.7, 1.2, 0.4, 0.3, 0.1, 0, 0.8, 0.05, 0.2, 0.6, 0.7, vif, spread, blocks, null);
    }

    /** A window whose block 0 moves by these amounts, block 1 steadily by 1, the others not at all. */
    private static List<MotionEnergy.Features> blockWindow(float... block0) {
        List<MotionEnergy.Features> out = new ArrayList<>();
        for (float m : block0) {
            float[] b = new float[FrameMotion.BLOCKS * FrameMotion.BLOCKS];
            b[0] = m;
            b[1] = 1;
            out.add(blocks(0.5, 0.3, 0.6, b));
        }
        return out;
    }

    @Test
    void vectorHasTheDocumentedLayout() {
        MotionEnergy.Features f = f(0.5, 0.3, 0.6);
        double[] v = FightFeatures.of(List.of(f, f, f, f), 1.0, 0.2);
        assertThat(v).hasSize(FightFeatures.SIZE);
        assertThat(v[FightFeatures.NAMES.indexOf("log_speed_mean")]).isCloseTo(Math.log1p(0.5), Offset.offset(1e-9));
        assertThat(v[FightFeatures.NAMES.indexOf("log_speed_std")]).isZero();
        assertThat(v[FightFeatures.NAMES.indexOf("vif_mean")]).isCloseTo(0.3, Offset.offset(1e-9));
        assertThat(v[FightFeatures.NAMES.indexOf("speed_time_cv")]).isZero();
        assertThat(FightAnalyzer.threshold(0.5)).isEqualTo(0.5);
        assertThat(FightAnalyzer.threshold(1.0)).isLessThan(FightAnalyzer.threshold(0.0));
    }

    @Test
    void temporalSpeedVariationIsScaleFree() {
        List<MotionEnergy.Features> surge = List.of(f(0.2, 0.5, 0.6), f(1.5, 0.5, 0.6), f(0.1, 0.5, 0.6), f(1.2, 0.5, 0.6));
        List<MotionEnergy.Features> surgeX3 = surge.stream().map(x -> f(3 * x.speed(), 0.5, 0.6)).toList();
        List<MotionEnergy.Features> steady = List.of(f(0.8, 0.5, 0.6), f(0.82, 0.5, 0.6), f(0.79, 0.5, 0.6), f(0.81, 0.5, 0.6));
        int cv = FightFeatures.NAMES.indexOf("speed_time_cv");
        double a = FightFeatures.of(surge, 1, 0)[cv];
        assertThat(FightFeatures.of(surgeX3, 1, 0)[cv]).isCloseTo(a, Offset.offset(1e-9));
        assertThat(a).isGreaterThan(5 * FightFeatures.of(steady, 1, 0)[cv]);
    }

    @Test
    void blockFlickerIsZeroForSteadyMotionAndHighForOnAndOff() {
        // Block 1 moves steadily (0); block 0 on and off every pair: mean squared change 1 against mean square 0.5.
        assertThat(FightFeatures.flicker(blockWindow(1, 0, 1, 0))).isCloseTo((0 + 2.0) / 2, Offset.offset(1e-9));
        assertThat(FightFeatures.flicker(blockWindow(2, 2, 2, 2))).isZero();
        // Scale-free: the same pattern twice as fast flickers as much; blocks below the moving level do not count.
        assertThat(FightFeatures.flicker(blockWindow(2, 0, 2, 0))).isCloseTo(1.0, Offset.offset(1e-9));
        assertThat(FightFeatures.flicker(blockWindow(0.04f, 0, 0.04f, 0))).isZero();
        int i = FightFeatures.NAMES.indexOf("block_flicker");
        assertThat(FightFeatures.of(blockWindow(1, 0, 1, 0), 1, 0)[i]).isCloseTo(1.0, Offset.offset(1e-9));
    }

    @Test
    void measuredBlocksFlickerWhenMotionStopsAndGoes() {
        Mat texture = texture(400, 260, 5);
        // Sensor noise, so that a frame where the square stops is not an exact repeat (which would not be measured).
        List<MotionEnergy.Features> steady = run(texture, i -> new int[] {40, 40, 60 + 6 * i, 60}, 100, 3);
        List<MotionEnergy.Features> stopGo = run(texture, i -> new int[] {40, 40, 60 + 12 * (i / 2), 60}, 100, 3);
        texture.close();
        assertThat(FightFeatures.flicker(stopGo)).isGreaterThan(2 * FightFeatures.flicker(steady));
        assertThat(FightFeatures.flicker(stopGo)).isGreaterThan(1.0);
    }

    @Test
    void regionFlowTellsJerkyFromSteadyAndIgnoresCameraMotion() {
        Mat texture = texture(400, 260, 5);
        List<MotionEnergy.Features> steady = run(texture, i -> new int[] {40, 40, 60 + 6 * i, 60}, 100);
        List<MotionEnergy.Features> jerky = run(texture, i -> new int[] {40, 40, 60 + (i % 2 == 0 ? 0 : 12), 60 + (i % 3) * 8}, 100);
        // The camera shakes: background and square shift together in the frame.
        List<MotionEnergy.Features> shake = run(texture, i -> new int[] {40 + (i % 2) * 6, 40 - (i % 2) * 4, 60 - (i % 2) * 6,
            60 + (i % 2) * 4}, 100);
        // Steady: 6 px per frame at 5 fps on people 100 px tall = 0.3 heights/s; the square moves as one.
        assertThat(mean(steady, MotionEnergy.Features::speed)).isBetween(0.2, 0.4);
        assertThat(mean(steady, MotionEnergy.Features::coherence)).isGreaterThan(0.8);
        assertThat(mean(jerky, MotionEnergy.Features::vifShare)).isGreaterThan(mean(steady, MotionEnergy.Features::vifShare) + 0.2);
        assertThat(mean(jerky, MotionEnergy.Features::acceleration)).isGreaterThan(2 * mean(steady, MotionEnergy.Features::acceleration));
        // The whole frame shifting (camera shake) leaves almost nothing moving once the camera's motion is removed.
        assertThat(mean(shake, MotionEnergy.Features::movingShare)).isLessThan(0.1);
        // People 50 px tall are measured at full size, 100 px at half size: the same motion reads twice the speed in
        // person heights per second at 50 px, whatever the flow's scale.
        List<MotionEnergy.Features> steadySmall = run(texture, i -> new int[] {40, 40, 60 + 6 * i, 60}, 50);
        assertThat(mean(steadySmall, MotionEnergy.Features::speed) / 2).isCloseTo(mean(steady, MotionEnergy.Features::speed),
                Offset.offset(0.05));
        texture.close();
    }

    private static List<MotionEnergy.Features> run(Mat texture, java.util.function.IntFunction<int[]> at, double heightPx) {
        return run(texture, at, heightPx, 0);
    }

    /**
     * Frames cut from a background texture at (bx, by) with a 60x60 textured square at (sx, sy) of the frame, plus
     * Gaussian noise of {@code noise} grey levels (0: none).
     */
    private static List<MotionEnergy.Features> run(Mat texture, java.util.function.IntFunction<int[]> at, double heightPx,
                                                   double noise) {
        Random grain = new Random(11);
        List<MotionEnergy.Features> out = new ArrayList<>();
        Mat patch = texture(60, 60, 9);
        try (MotionEnergy e = new MotionEnergy(); Mat frame = new Mat(180, 320, CV_8UC1)) {
            for (int i = 0; i < 10; i++) {
                int[] p = at.apply(i);
                try (Rect bg = new Rect(p[0], p[1], 320, 180); Mat view = new Mat(texture, bg)) {
                    view.copyTo(frame);
                }
                try (Rect sq = new Rect(p[2], p[3], 60, 60); Mat dst = new Mat(frame, sq)) {
                    patch.copyTo(dst);
                }
                if (noise > 0) {
                    try (UByteIndexer ix = frame.createIndexer()) {
                        for (int y = 0; y < 180; y++) {
                            for (int x = 0; x < 320; x++) {
                                long v = Math.round(ix.get(y, x) + noise * grain.nextGaussian());
                                ix.put(y, x, (int) Math.max(0, Math.min(255, v)));
                            }
                        }
                    }
                }
                MotionEnergy.Features f = e.measure(frame, T0.plusMillis(200L * i), new Box(0.1, 0.2, 0.6, 0.6, 1), heightPx);
                if (f != null && !Double.isNaN(f.acceleration())) {
                    out.add(f);
                }
            }
        }
        patch.close();
        assertThat(out).hasSizeGreaterThanOrEqualTo(7);
        return out;
    }

    private static Mat texture(int w, int h, long seed) {
        Mat m = new Mat(h, w, CV_8UC1);
        Random r = new Random(seed);
        try (UByteIndexer ix = m.createIndexer()) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    ix.put(y, x, r.nextInt(256));
                }
            }
        }
        try (Size k = new Size(5, 5)) {
            GaussianBlur(m, m, k, 1.5);
        }
        return m;
    }

    private static double mean(List<MotionEnergy.Features> fs, java.util.function.ToDoubleFunction<MotionEnergy.Features> g) {
        return fs.stream().mapToDouble(g).average().orElse(Double.NaN);
    }
}
