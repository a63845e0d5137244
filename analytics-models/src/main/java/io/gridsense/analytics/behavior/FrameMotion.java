package io.gridsense.analytics.behavior;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.blur;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowFarneback;

import com.google.common.math.Quantiles;
import io.gridsense.analytics.Box;
import java.util.Arrays;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The whole frame's motion between two frames, on a half-size grey copy: the camera's own motion (shake, pan), the
 * difference level a pixel must reach to count as moving, frame-wide flow statistics, the moving flow per block,
 * and the local directions near a region. {@link MotionEnergy} measures the people's region with it; these parts
 * do not depend on finding the people, which often fails on real footage (poses, crowds, odd angles).
 */
final class FrameMotion implements AutoCloseable {
    /**
     * The whole-frame flow runs on a copy this many times smaller: 160x90 for a 16:9 camera; at 80x45, limbs vanish
     * from the local directions.
     */
    static final int SMALL = 2;
    /** The frame is cut into this many blocks a side for the blocks' motion over time (see FightFeatures). */
    static final int BLOCKS = 16;
    /**
     * A pixel counts as moving only where the picture changed too: its 5x5-blurred frame difference is at least this
     * many times the frame's median difference, and at least DIFF_FLOOR grey levels. Farneback also "moves" flat,
     * noisy or glaring spots where nothing changed (night and fisheye cameras); on the real clips this check raised a
     * real-only model's cross-validated accuracy by ~0.02-0.05 (docs/detection.md).
     */
    static final double DIFF_TIMES = 3;
    static final double DIFF_FLOOR = 8;
    /** Frame-wide flow below this (grey-frame pixels) is noise and sway. */
    private static final double MOVING_PX = 1.5;

    private final Mat small = new Mat();
    private final Mat prevSmall = new Mat();
    private final Mat smallFlow = new Mat();
    private final Mat prevSmallFlow = new Mat();
    private final Mat smallDiff = new Mat();
    private final Mat prevSmallDiff = new Mat();
    /** The frame-wide moving magnitude per block of a BLOCKS x BLOCKS grid (half-size pixels per pair, block mean). */
    private final float[] blocks = new float[BLOCKS * BLOCKS];
    private double level;
    private double prevLevel;
    private double[] cam = {0, 0};
    private double[] prevCam = {0, 0};
    private boolean prevFlowValid;

    /** Makes the half-size copy of the current frame. */
    void take(Mat grey) {
        try (Size sz = new Size(Math.max(8, grey.cols() / SMALL), Math.max(8, grey.rows() / SMALL))) {
            resize(grey, small, sz, 0, 0, INTER_AREA);
        }
    }

    /** Makes the previous frame's half-size copy from {@code prev} when there is none of the current size. */
    void previousFrom(Mat prev) {
        if (prevSmall.empty() || prevSmall.cols() != small.cols() || prevSmall.rows() != small.rows()) {
            try (Size sz = new Size(small.cols(), small.rows())) {
                resize(prev, prevSmall, sz, 0, 0, INTER_AREA);
            }
        }
    }

    /** The flow from the previous to the current frame, the camera's motion and the moving pixels' level. */
    void measure() {
        calcOpticalFlowFarneback(prevSmall, small, smallFlow, 0.5, 2, 7, 3, 5, 1.1, 0);
        cam = cameraMotion();
        level = differenceLevel();
    }

    /** The camera's motion of the last measured pair, in grey-frame pixels (x, y). */
    double[] camera() {
        return cam;
    }

    /** The camera's motion of the pair before. */
    double[] previousCamera() {
        return prevCam;
    }

    /** The grey level a pixel's blurred difference must reach to move, in the last measured pair and the one before. */
    double level() {
        return level;
    }

    double previousLevel() {
        return prevLevel;
    }

    /** The moving directions near {@code roi} (normalised) in the last measured pair. */
    LocalDirections.Cells localDirections(double dt, Box roi) {
        return LocalDirections.sample(smallFlow, new double[] {cam[0] / SMALL, cam[1] / SMALL}, dt, roi, smallDiff,
                level);
    }

    /** The moving flow per block of the last {@link #wide} call. */
    float[] blocks() {
        return blocks.clone();
    }

    /** Keeps the measured pair as the previous one, and the current frame as the previous frame. */
    void advance() {
        smallFlow.copyTo(prevSmallFlow);
        smallDiff.copyTo(prevSmallDiff);
        prevLevel = level;
        prevCam = cam;
        prevFlowValid = true;
        keepFrame();
    }

    /** Keeps the current frame as the previous one; the pair before is not known (a gap). */
    void restart() {
        prevFlowValid = false;
        keepFrame();
    }

    /** Forgets the previous frame and pair (a frame that was not measured). */
    void forget() {
        prevSmall.release();
        prevFlowValid = false;
    }

    private void keepFrame() {
        small.copyTo(prevSmall);
    }

    static void blurredDifference(Mat a, Mat b, Mat out) {
        absdiff(a, b, out);
        try (Size k = new Size(5, 5)) {
            blur(out, out, k);
        }
    }

    /** The half-size pair's blurred difference (kept in smallDiff) and the level a moving pixel must reach there. */
    private double differenceLevel() {
        blurredDifference(prevSmall, small, smallDiff);
        int[] counts = new int[256];
        int n = smallDiff.rows() * smallDiff.cols();
        try (UByteIndexer di = smallDiff.createIndexer()) {
            for (int y = 0; y < smallDiff.rows(); y++) {
                for (int x = 0; x < smallDiff.cols(); x++) {
                    counts[di.get(y, x)]++;
                }
            }
        }
        int median = 0;
        for (int seen = 0; median < 255 && (seen += counts[median]) < (n + 1) / 2; median++) {
            // walk the histogram up to the middle pixel
        }
        return Math.max(DIFF_FLOOR, DIFF_TIMES * median);
    }

    /**
     * The camera's own motion (shake, pan), in grey-frame pixels: the median of the half-size frame's flow, where
     * most pixels are background. Subtracted before measuring, so a shaking camera does not look like a brawl.
     */
    private double[] cameraMotion() {
        int sw = smallFlow.cols();
        int sh = smallFlow.rows();
        double[] xs = new double[sw * sh];
        double[] ys = new double[sw * sh];
        int k = 0;
        try (FloatIndexer fi = smallFlow.createIndexer()) {
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < sw; x++) {
                    xs[k] = fi.get(y, x, 0);
                    ys[k++] = fi.get(y, x, 1);
                }
            }
        }
        // the (k/2)-th smallest of each by selection: sorting both arrays took ~40 % as long as the two flows
        Quantiles.ScaleAndIndex middle = Quantiles.scale(Math.max(1, k - 1)).index(k / 2);
        return new double[] {middle.computeInPlace(xs) * SMALL, middle.computeInPlace(ys) * SMALL};
    }

    /**
     * Statistics of the last measured pair over the whole frame, camera motion removed: the moving share, the mean
     * moving speed (frame heights per second, for a frame {@code h} grey pixels tall), the direction entropy and the
     * mean magnitude change against the pair before (relative to the speed); also fills the blocks.
     */
    double[] wide(int h, double dt) {
        double[] hist = new double[MotionEnergy.BINS];
        double sumMag = 0;
        double sumChange = 0;
        int moving = 0;
        int changed = 0;
        int n = 0;
        int sw = smallFlow.cols();
        int sh = smallFlow.rows();
        boolean withPrev = prevFlowValid && prevSmallFlow.cols() == sw && prevSmallFlow.rows() == sh;
        Arrays.fill(blocks, 0);
        try (FloatIndexer fi = smallFlow.createIndexer(); FloatIndexer pi = withPrev ? prevSmallFlow.createIndexer() : null;
             UByteIndexer di = smallDiff.createIndexer(); UByteIndexer pdi = withPrev ? prevSmallDiff.createIndexer() : null) {
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < sw; x++) {
                    n++;
                    double fx = fi.get(y, x, 0) * SMALL - cam[0];
                    double fy = fi.get(y, x, 1) * SMALL - cam[1];
                    double v = di.get(y, x) >= level ? Math.hypot(fx, fy) : 0;
                    if (v >= MOVING_PX) {
                        moving++;
                        sumMag += v;
                        blocks[y * BLOCKS / sh * BLOCKS + x * BLOCKS / sw] += (float) (v / SMALL);
                        hist[MotionEnergy.directionBin(fx, fy)] += v;
                    }
                    if (pi != null) {
                        double pv = pdi.get(y, x) < prevLevel ? 0
                                : Math.hypot(pi.get(y, x, 0) * SMALL - prevCam[0], pi.get(y, x, 1) * SMALL - prevCam[1]);
                        if (v >= MOVING_PX || pv >= MOVING_PX) {
                            sumChange += Math.abs(v - pv);
                            changed++;
                        }
                    }
                }
            }
        }
        float perBlock = (float) (BLOCKS * BLOCKS) / (sw * sh);
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] *= perBlock;
        }
        if (moving == 0) {
            return new double[] {0, 0, 0, 0};
        }
        double mean = sumMag / moving;
        return new double[] {moving / (double) n, mean / h / dt, MotionEnergy.entropy(hist, sumMag),
            changed == 0 ? 0 : sumChange / changed / mean};
    }

    @Override
    public void close() {
        small.close();
        prevSmall.close();
        smallFlow.close();
        prevSmallFlow.close();
        smallDiff.close();
        prevSmallDiff.close();
    }
}
