package io.gridsense.analytics.behavior;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowFarneback;

import io.gridsense.analytics.Box;
import java.time.Duration;
import java.time.Instant;
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
 * half-size copy of the whole grey frame ({@link FrameMotion}) gives the camera's own motion and the frame-wide
 * statistics.
 */
public final class MotionEnergy implements AutoCloseable {
    /** Flow below this (grey-frame pixels), or below 4% of a person's height, is noise and sway. */
    private static final double MOVING_PX = 1.0;
    private static final double MOVING_HEIGHTS = 0.04;
    static final int BINS = 8;
    private static final Duration MAX_GAP = Duration.ofMillis(1500);
    /** People are scaled to about this height for the region's flow; limbs stay a few pixels wide. */
    static final double TARGET_HEIGHT_PX = 48;
    /** The region's box is padded by this share of a person's height, so limbs at its edge keep their flow. */
    private static final double PAD_HEIGHTS = 0.25;
    /** A speed change of at least this share of the larger speed counts as violent (ViF binarisation). */
    private static final double VIF_CHANGE = 0.5;
    /** A frame in which at most one pixel in this many changed by DIFF_FLOOR repeats the previous one. */
    private static final long REPEAT_SHARE = 10_000;

    /**
     * The features of one frame; NaN acceleration when the previous frame had no flow. {@code blocks}: the frame-wide
     * moving flow per block of a 16x16 grid (FrameMotion.BLOCKS a side), for how steadily each part of the scene moves
     * over a window.
     */
    public record Features(double speed, double entropy, double acceleration, double coherence, double movingShare,
                           double meanVx, double meanVy, double magnitudeChange, double frameMovingShare,
                           double frameSpeed, double frameEntropy, double frameMagnitudeChange, double vifShare,
                           double speedSpread, float[] blocks, LocalDirections.Cells cells) {
    }

    private final FrameMotion frame = new FrameMotion();
    private final Mat prev = new Mat();
    private final Mat cropPrev = new Mat();
    private final Mat cropCur = new Mat();
    private Mat cropDiff = new Mat();
    private Mat prevCropDiff = new Mat();
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

    /** Remembers the frame without measuring (no candidate region this frame). */
    void skip(Mat grey, Instant at) {
        grey.copyTo(prev);
        frame.forget();
        prevAt = at;
        prevFlowValid = false;
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
        frame.take(grey);
        if (prevAt != null && !prev.empty() && prev.cols() == w && prev.rows() == h
                && Duration.between(prevAt, at).compareTo(MAX_GAP) <= 0 && at.isAfter(prevAt)) {
            double dt = Duration.between(prevAt, at).toNanos() / 1e9;
            frame.previousFrom(prev);
            if (repeatsPrevious(grey)) {
                // Keep the earlier frame as the reference, so that the next pair spans the real motion.
                return null;
            }
            frame.measure();
            double hPx = Math.max(8, heightPx);
            regionFlow(grey, roi, hPx);
            out = features(w, h, dt, hPx, frame.localDirections(dt, roi));
            Mat t = prevFlow;
            prevFlow = flow;
            flow = t;
            t = prevCropDiff;
            prevCropDiff = cropDiff;
            cropDiff = t;
            prevRect = flowRect;
            prevScale = flowScale;
            prevFlowValid = true;
            frame.advance();
        } else {
            prevFlowValid = false;
            frame.restart();
        }
        grey.copyTo(prev);
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
        FrameMotion.blurredDifference(cropPrev, cropCur, cropDiff);
    }



    /**
     * Whether the frame repeats the previous one: at most one grey pixel in REPEAT_SHARE changed by DIFF_FLOOR grey
     * levels (re-encoding leaves a few). Many real clips, and NVR streams, repeat frames to fill a higher frame rate
     * (a fifth of the surv-fight-dev frame pairs change no pixel at all); measured as "no motion", such pairs made the
     * flow stutter between still and moving, a stutter that depended on which source frames the sampling met.
     */
    private boolean repeatsPrevious(Mat grey) {
        absdiff(prev, grey, greyDiff);
        threshold(greyDiff, greyDiff, FrameMotion.DIFF_FLOOR - 1, 255, THRESH_BINARY);
        return countNonZero(greyDiff) <= grey.total() / REPEAT_SHARE;
    }


    private Features features(int w, int h, double dt, double heightPx, LocalDirections.Cells cells) {
        int fw = flow.cols();
        int fh = flow.rows();
        double s = flowScale;
        double[] cam = frame.camera();
        double[] prevCam = frame.previousCamera();
        double level = frame.level();
        double prevLevel = frame.previousLevel();
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
                        hist[directionBin(fx, fy)] += v;
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
        double[] wide = frame.wide(h, dt);
        if (moving == 0 || sumMag <= 0) {
            return new Features(0, 0, prevFlowValid ? 0 : Double.NaN, 0, 0, 0, 0, 0, wide[0], wide[1], wide[2], wide[3],
                    changed == 0 ? 0 : violent / (double) changed, 0, frame.blocks(), cells);
        }
        double entropy = entropy(hist, sumMag);
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
                changed == 0 ? 0 : violent / (double) changed, spread, frame.blocks(), cells);
    }

    /** The direction histogram's bin of a flow vector. */
    static int directionBin(double fx, double fy) {
        double a = Math.atan2(fy, fx) + Math.PI;
        return Math.min(BINS - 1, (int) (a / (2 * Math.PI) * BINS));
    }

    /** The entropy of a magnitude-weighted direction histogram whose weights sum to {@code sum}, 0..1. */
    static double entropy(double[] hist, double sum) {
        double entropy = 0;
        for (double c : hist) {
            if (c > 0) {
                double p = c / sum;
                entropy -= p * Math.log(p);
            }
        }
        return entropy / Math.log(BINS);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    @Override
    public void close() {
        frame.close();
        prev.close();
        greyDiff.close();
        cropPrev.close();
        cropCur.close();
        cropDiff.close();
        prevCropDiff.close();
        flow.close();
        prevFlow.close();
    }
}
