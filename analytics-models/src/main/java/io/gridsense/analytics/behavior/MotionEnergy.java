package io.gridsense.analytics.behavior;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.blur;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowFarneback;

import com.google.common.math.Quantiles;
import io.gridsense.analytics.Box;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * ViF-style motion features from dense optical flow (Farneback) between consecutive small grey frames, inside a
 * region: how fast things move (in person heights per second), how disordered the directions are (normalised
 * entropy of the magnitude-weighted direction histogram), how abruptly the flow changes (acceleration along the
 * motion, magnitude change, and the ViF share of pixels whose speed changed by half or more), how uneven the speeds
 * are, and how coherent the motion is (|sum of flow| / sum of |flow|).
 *
 * <p>Cost: the dense flow runs only on the candidate region's padded box, downscaled so that people are about
 * {@link #TARGET_HEIGHT_PX} pixels tall (flow statistics per person do not need more), and a second flow on a
 * half-size copy of the whole grey frame gives the camera's own motion and the frame-wide statistics.
 */
public final class MotionEnergy implements AutoCloseable {
    /** Flow below this (grey-frame pixels), or below 4% of a person's height, is noise and sway. */
    private static final double MOVING_PX = 1.0;
    private static final double MOVING_HEIGHTS = 0.04;
    private static final int BINS = 8;
    private static final Duration MAX_GAP = Duration.ofMillis(1500);
    /** People are scaled to about this height for the region's flow; limbs stay a few pixels wide. */
    static final double TARGET_HEIGHT_PX = 48;
    /** The region's box is padded by this share of a person's height, so limbs at its edge keep their flow. */
    private static final double PAD_HEIGHTS = 0.25;
    /**
     * The whole-frame flow runs on a copy this many times smaller (camera motion, frame-wide statistics, local
     * directions): 160x90 for a 16:9 camera; at 80x45, limbs vanish from the local directions.
     */
    private static final int SMALL = 2;
    /** A speed change of at least this share of the larger speed counts as violent (ViF binarisation). */
    private static final double VIF_CHANGE = 0.5;
    /**
     * A pixel counts as moving only where the picture changed too: its 5x5-blurred frame difference is at least this
     * many times the frame's median difference, and at least DIFF_FLOOR grey levels. Farneback also "moves" flat,
     * noisy or glaring spots where nothing changed (night and fisheye cameras); on the real clips this check raised a
     * real-only model's cross-validated accuracy by ~0.02-0.05 (docs/detection.md).
     */
    private static final double DIFF_TIMES = 3;
    private static final double DIFF_FLOOR = 8;
    /** A frame in which at most one pixel in this many changed by DIFF_FLOOR repeats the previous one. */
    private static final long REPEAT_SHARE = 10_000;
    /** The frame is cut into this many blocks a side for the blocks' motion over time (see FightFeatures). */
    static final int BLOCKS = 16;

    /**
     * The features of one frame; NaN acceleration when the previous frame had no flow. {@code blocks}: the frame-wide
     * moving flow per block of a BLOCKS x BLOCKS grid, for how steadily each part of the scene moves over a window.
     */
    public record Features(double speed, double entropy, double acceleration, double coherence, double movingShare,
                           double meanVx, double meanVy, double magnitudeChange, double frameMovingShare,
                           double frameSpeed, double frameEntropy, double frameMagnitudeChange, double vifShare,
                           double speedSpread, float[] blocks, LocalDirections.Cells cells) {
    }

    /** The frame-wide moving magnitude per block of a BLOCKS x BLOCKS grid (half-size pixels per pair, block mean). */
    private final float[] blocks = new float[BLOCKS * BLOCKS];
    private final Mat prev = new Mat();
    private final Mat small = new Mat();
    private final Mat prevSmall = new Mat();
    private final Mat smallFlow = new Mat();
    private final Mat prevSmallFlow = new Mat();
    private final Mat cropPrev = new Mat();
    private final Mat cropCur = new Mat();
    private final Mat smallDiff = new Mat();
    private final Mat prevSmallDiff = new Mat();
    private Mat cropDiff = new Mat();
    private Mat prevCropDiff = new Mat();
    /** The frame pair's difference level (grey levels) that a moving pixel must reach, and the previous pair's. */
    private double level;
    private double prevLevel;
    private final Mat greyDiff = new Mat();
    private Mat flow = new Mat();
    private Mat prevFlow = new Mat();
    /** Where the region flow lies in grey-frame pixels, and its scale (flow pixels per grey pixel). */
    private int[] flowRect;
    private double flowScale = 1;
    private int[] prevRect;
    private double prevScale = 1;
    private Instant prevAt;
    private boolean prevFlowValid;
    private boolean prevSmallFlowValid;
    private double[] prevCam = {0, 0};

    /** Remembers the frame without measuring (no candidate region this frame). */
    void skip(Mat grey, Instant at) {
        grey.copyTo(prev);
        prevSmall.release();
        prevAt = at;
        prevFlowValid = false;
        prevSmallFlowValid = false;
    }

    /**
     * Measures the flow from the previous frame inside roi (normalised), for people heightPx tall (grey pixels); null
     * without a previous frame, and for a frame that repeats it (see repeatsPrevious), which is then not kept as the
     * previous frame.
     */
    Features measure(Mat grey, Instant at, Box roi, double heightPx) {
        Features out = null;
        int w = grey.cols();
        int h = grey.rows();
        try (Size sz = new Size(Math.max(8, w / SMALL), Math.max(8, h / SMALL))) {
            resize(grey, small, sz, 0, 0, INTER_AREA);
        }
        if (prevAt != null && !prev.empty() && prev.cols() == w && prev.rows() == h
                && Duration.between(prevAt, at).compareTo(MAX_GAP) <= 0 && at.isAfter(prevAt)) {
            double dt = Duration.between(prevAt, at).toNanos() / 1e9;
            if (prevSmall.empty() || prevSmall.cols() != small.cols() || prevSmall.rows() != small.rows()) {
                try (Size sz = new Size(small.cols(), small.rows())) {
                    resize(prev, prevSmall, sz, 0, 0, INTER_AREA);
                }
            }
            if (repeatsPrevious(grey)) {
                // Keep the earlier frame as the reference, so that the next pair spans the real motion.
                return null;
            }
            calcOpticalFlowFarneback(prevSmall, small, smallFlow, 0.5, 2, 7, 3, 5, 1.1, 0);
            double[] cam = cameraMotion();
            level = differenceLevel();
            double hPx = Math.max(8, heightPx);
            regionFlow(grey, roi, hPx);
            out = features(w, h, dt, hPx, cam, LocalDirections.sample(smallFlow,
                    new double[] {cam[0] / SMALL, cam[1] / SMALL}, dt, roi, smallDiff, level));
            smallFlow.copyTo(prevSmallFlow);
            smallDiff.copyTo(prevSmallDiff);
            prevLevel = level;
            prevSmallFlowValid = true;
            Mat t = prevFlow;
            prevFlow = flow;
            flow = t;
            t = prevCropDiff;
            prevCropDiff = cropDiff;
            cropDiff = t;
            prevRect = flowRect;
            prevScale = flowScale;
            prevCam = cam;
            prevFlowValid = true;
        } else {
            prevFlowValid = false;
            prevSmallFlowValid = false;
        }
        grey.copyTo(prev);
        small.copyTo(prevSmall);
        prevAt = at;
        return out;
    }

    /** Dense flow on the padded region, scaled so that people are about TARGET_HEIGHT_PX tall. */
    private void regionFlow(Mat grey, Box roi, double heightPx) {
        int w = grey.cols();
        int h = grey.rows();
        double pad = PAD_HEIGHTS * heightPx;
        int x0 = clamp((int) Math.floor(roi.x() * w - pad), w - 2);
        int y0 = clamp((int) Math.floor(roi.y() * h - pad), h - 2);
        int x1 = Math.max(x0 + 2, clamp((int) Math.ceil((roi.x() + roi.w()) * w + pad), w));
        int y1 = Math.max(y0 + 2, clamp((int) Math.ceil((roi.y() + roi.h()) * h + pad), h));
        // Quantised to quarters so the scale (and the flow's pixel grid) rarely changes between frames.
        double s = Math.min(1, Math.max(0.25, Math.ceil(TARGET_HEIGHT_PX / heightPx * 4) / 4));
        flowRect = new int[] {x0, y0};
        flowScale = s;
        try (Size size = new Size(Math.max(2, (int) Math.round((x1 - x0) * s)), Math.max(2, (int) Math.round((y1 - y0) * s)));
             Rect r = new Rect(x0, y0, x1 - x0, y1 - y0); Mat a = new Mat(prev, r); Mat b = new Mat(grey, r)) {
            if (s < 1) {
                resize(a, cropPrev, size, 0, 0, INTER_AREA);
                resize(b, cropCur, size, 0, 0, INTER_AREA);
            } else {
                a.copyTo(cropPrev);
                b.copyTo(cropCur);
            }
        }
        calcOpticalFlowFarneback(cropPrev, cropCur, flow, 0.5, 3, 11, 3, 5, 1.1, 0);
        blurredDifference(cropPrev, cropCur, cropDiff);
    }

    private static void blurredDifference(Mat a, Mat b, Mat out) {
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
     * Whether the frame repeats the previous one: at most one grey pixel in REPEAT_SHARE changed by DIFF_FLOOR grey
     * levels (re-encoding leaves a few). Many real clips, and NVR streams, repeat frames to fill a higher frame rate
     * (a fifth of the surv-fight-dev frame pairs change no pixel at all); measured as "no motion", such pairs made the
     * flow stutter between still and moving, a stutter that depended on which source frames the sampling met.
     */
    private boolean repeatsPrevious(Mat grey) {
        absdiff(prev, grey, greyDiff);
        threshold(greyDiff, greyDiff, DIFF_FLOOR - 1, 255, THRESH_BINARY);
        return countNonZero(greyDiff) <= grey.total() / REPEAT_SHARE;
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

    private Features features(int w, int h, double dt, double heightPx, double[] cam, LocalDirections.Cells cells) {
        int fw = flow.cols();
        int fh = flow.rows();
        double s = flowScale;
        double cx = cam[0];
        double cy = cam[1];
        double[] hist = new double[BINS];
        double sumMag = 0;
        double sumMag2 = 0;
        double sumPrevMag = 0;
        double sumDiff = 0;
        double sumMagChange = 0;
        int changed = 0;
        int violent = 0;
        double sumX = 0;
        double sumY = 0;
        int moving = 0;
        double minMove = Math.max(MOVING_PX, MOVING_HEIGHTS * heightPx);
        boolean withPrev = prevFlowValid && prevRect != null;
        try (FloatIndexer fi = flow.createIndexer(); FloatIndexer pi = withPrev ? prevFlow.createIndexer() : null;
             UByteIndexer di = cropDiff.createIndexer(); UByteIndexer pdi = withPrev ? prevCropDiff.createIndexer() : null) {
            for (int y = 0; y < fh; y++) {
                for (int x = 0; x < fw; x++) {
                    // Flow in grey-frame pixels, camera motion removed; none where the picture did not change.
                    double fx = fi.get(y, x, 0) / s - cx;
                    double fy = fi.get(y, x, 1) / s - cy;
                    double v = di.get(y, x) >= level ? Math.hypot(fx, fy) : 0;
                    if (v >= minMove) {
                        moving++;
                        sumMag += v;
                        sumMag2 += v * v;
                        sumX += fx;
                        sumY += fy;
                        double a = Math.atan2(fy, fx) + Math.PI;
                        hist[Math.min(BINS - 1, (int) (a / (2 * Math.PI) * BINS))] += v;
                    }
                    if (pi == null) {
                        continue;
                    }
                    // The previous flow at the same grey-frame point (it was measured on its own box and scale).
                    double gx = flowRect[0] + (x + 0.5) / s;
                    double gy = flowRect[1] + (y + 0.5) / s;
                    int ux = (int) Math.floor((gx - prevRect[0]) * prevScale);
                    int uy = (int) Math.floor((gy - prevRect[1]) * prevScale);
                    if (ux < 0 || uy < 0 || ux >= prevFlow.cols() || uy >= prevFlow.rows()) {
                        continue;
                    }
                    double px = pi.get(uy, ux, 0) / prevScale - prevCam[0];
                    double py = pi.get(uy, ux, 1) / prevScale - prevCam[1];
                    // Masked like the current flow, so a spot that merely stopped glaring does not count as a change.
                    double pv = pdi.get(uy, ux) >= prevLevel ? Math.hypot(px, py) : 0;
                    if (v >= minMove || pv >= minMove) {
                        // ViF: how much the flow magnitude at this point changed since the last frame pair.
                        double dm = Math.abs(v - pv);
                        sumMagChange += dm;
                        changed++;
                        violent += dm >= VIF_CHANGE * Math.max(v, pv) ? 1 : 0;
                    }
                    if (pv < minMove) {
                        continue;
                    }
                    // Acceleration along the motion: the previous flow at p against the current flow where p went.
                    int qx = (int) Math.floor((gx + px - flowRect[0]) * s);
                    int qy = (int) Math.floor((gy + py - flowRect[1]) * s);
                    if (qx < 0 || qy < 0 || qx >= fw || qy >= fh) {
                        continue;
                    }
                    // Where the picture did not change at q, the flow there is taken as none: the motion stopped.
                    boolean still = di.get(qy, qx) < level;
                    double qfx = still ? 0 : fi.get(qy, qx, 0) / s - cx;
                    double qfy = still ? 0 : fi.get(qy, qx, 1) / s - cy;
                    sumDiff += Math.hypot(qfx - px, qfy - py);
                    sumPrevMag += pv;
                }
            }
        }
        double[] wide = frameWide(h, dt, cam);
        if (moving == 0 || sumMag <= 0) {
            return new Features(0, 0, prevFlowValid ? 0 : Double.NaN, 0, 0, 0, 0, 0, wide[0], wide[1], wide[2], wide[3],
                    changed == 0 ? 0 : violent / (double) changed, 0, blocks.clone(), cells);
        }
        double entropy = 0;
        for (double c : hist) {
            if (c > 0) {
                double p = c / sumMag;
                entropy -= p * Math.log(p);
            }
        }
        entropy /= Math.log(BINS);
        double mean = sumMag / moving;
        double speed = mean / heightPx / dt;
        // Change of the flow vectors relative to their size: ~0 for steady walking, ~1+ for flailing and reversals.
        double acc = prevFlowValid ? (sumPrevMag > 0 ? sumDiff / sumPrevMag : 0) : Double.NaN;
        double coherence = Math.hypot(sumX, sumY) / sumMag;
        double magChange = changed == 0 ? 0 : sumMagChange / changed / mean;
        // Scale-free: limbs flailing beside a still torso spread the speeds; a walker's body moves as one.
        double spread = Math.sqrt(Math.max(0, sumMag2 / moving - mean * mean)) / mean;
        return new Features(speed, entropy, acc, coherence, moving / (double) (fw * fh),
                sumX / moving / heightPx / dt, sumY / moving / heightPx / dt, magChange, wide[0], wide[1], wide[2], wide[3],
                changed == 0 ? 0 : violent / (double) changed, spread, blocks.clone(), cells);
    }

    /**
     * The same kind of statistics over the whole (half-size) frame: how much of the scene moves, how fast (frame
     * heights per second), how disordered and how jerky. They do not depend on finding the people, which often fails
     * on real footage (poses, crowds, odd angles).
     */
    private double[] frameWide(int h, double dt, double[] cam) {
        double[] hist = new double[BINS];
        double sumMag = 0;
        double sumChange = 0;
        int moving = 0;
        int changed = 0;
        int n = 0;
        double minMove = MOVING_PX * 1.5;
        int sw = smallFlow.cols();
        int sh = smallFlow.rows();
        boolean withPrev = prevSmallFlowValid && prevSmallFlow.cols() == sw && prevSmallFlow.rows() == sh;
        Arrays.fill(blocks, 0);
        try (FloatIndexer fi = smallFlow.createIndexer(); FloatIndexer pi = withPrev ? prevSmallFlow.createIndexer() : null;
             UByteIndexer di = smallDiff.createIndexer(); UByteIndexer pdi = withPrev ? prevSmallDiff.createIndexer() : null) {
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < sw; x++) {
                    n++;
                    double fx = fi.get(y, x, 0) * SMALL - cam[0];
                    double fy = fi.get(y, x, 1) * SMALL - cam[1];
                    double v = di.get(y, x) >= level ? Math.hypot(fx, fy) : 0;
                    if (v >= minMove) {
                        moving++;
                        sumMag += v;
                        blocks[y * BLOCKS / sh * BLOCKS + x * BLOCKS / sw] += (float) (v / SMALL);
                        double a = Math.atan2(fy, fx) + Math.PI;
                        hist[Math.min(BINS - 1, (int) (a / (2 * Math.PI) * BINS))] += v;
                    }
                    if (pi != null) {
                        double pv = pdi.get(y, x) < prevLevel ? 0
                                : Math.hypot(pi.get(y, x, 0) * SMALL - prevCam[0], pi.get(y, x, 1) * SMALL - prevCam[1]);
                        if (v >= minMove || pv >= minMove) {
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
        double entropy = 0;
        for (double c : hist) {
            if (c > 0) {
                entropy -= c / sumMag * Math.log(c / sumMag);
            }
        }
        double mean = sumMag / moving;
        return new double[] {moving / (double) n, mean / h / dt, entropy / Math.log(BINS),
            changed == 0 ? 0 : sumChange / changed / mean};
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    @Override
    public void close() {
        prev.close();
        greyDiff.close();
        small.close();
        prevSmall.close();
        smallFlow.close();
        prevSmallFlow.close();
        cropPrev.close();
        cropCur.close();
        smallDiff.close();
        prevSmallDiff.close();
        cropDiff.close();
        prevCropDiff.close();
        flow.close();
        prevFlow.close();
    }
}
