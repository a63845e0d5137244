package io.gridsense.analytics.behavior;

import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowFarneback;

import io.gridsense.analytics.Box;
import java.time.Duration;
import java.time.Instant;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * ViF-style motion features from dense optical flow (Farneback) between consecutive small grey frames, inside a
 * region: how fast things move (in person heights per second), how disordered the directions are (normalised
 * entropy of the magnitude-weighted direction histogram) and how abruptly the speed changes (mean per-pixel
 * change of the flow vectors relative to their size) and how coherent the motion is (|sum of flow| / sum of |flow|).
 */
public final class MotionEnergy implements AutoCloseable {
    /** Flow below this (grey-frame pixels), or below 4% of a person's height, is noise and sway. */
    private static final double MOVING_PX = 1.0;
    private static final double MOVING_HEIGHTS = 0.04;
    private static final int BINS = 8;
    private static final Duration MAX_GAP = Duration.ofMillis(1500);

    /** The features of one frame; NaN acceleration when the previous frame had no flow. */
    public record Features(double speed, double entropy, double acceleration, double coherence, double movingShare,
                           double meanVx, double meanVy, double magnitudeChange, double frameMovingShare,
                           double frameSpeed, double frameEntropy, double frameMagnitudeChange) {
    }

    private final Mat prev = new Mat();
    private final Mat flow = new Mat();
    private final Mat prevFlow = new Mat();
    private Instant prevAt;
    private boolean prevFlowValid;
    private double[] prevCam = {0, 0};

    /** Remembers the frame without measuring (no candidate region this frame). */
    void skip(Mat grey, Instant at) {
        grey.copyTo(prev);
        prevAt = at;
        prevFlowValid = false;
    }

    /** Measures the flow from the previous frame inside roi (normalised), for people heightPx tall (grey pixels). */
    Features measure(Mat grey, Instant at, Box roi, double heightPx) {
        Features out = null;
        if (prevAt != null && !prev.empty() && prev.cols() == grey.cols() && prev.rows() == grey.rows()
                && Duration.between(prevAt, at).compareTo(MAX_GAP) <= 0 && at.isAfter(prevAt)) {
            double dt = Duration.between(prevAt, at).toNanos() / 1e9;
            calcOpticalFlowFarneback(prev, grey, flow, 0.5, 4, 15, 3, 5, 1.1, 0);
            double[] cam = cameraMotion(grey.cols(), grey.rows());
            out = features(roi, grey.cols(), grey.rows(), dt, Math.max(8, heightPx), cam);
            flow.copyTo(prevFlow);
            prevCam = cam;
            prevFlowValid = true;
        } else {
            prevFlowValid = false;
        }
        grey.copyTo(prev);
        prevAt = at;
        return out;
    }

    /**
     * The camera's own motion (shake, pan): the median flow over a sparse grid of the whole frame, where most
     * pixels are background. Subtracted before measuring, so a shaking camera does not look like a brawl.
     */
    private double[] cameraMotion(int w, int h) {
        int step = 6;
        int n = ((w + step - 1) / step) * ((h + step - 1) / step);
        float[] xs = new float[n];
        float[] ys = new float[n];
        int k = 0;
        try (FloatIndexer fi = flow.createIndexer()) {
            for (int y = 0; y < h; y += step) {
                for (int x = 0; x < w; x += step) {
                    xs[k] = fi.get(y, x, 0);
                    ys[k++] = fi.get(y, x, 1);
                }
            }
        }
        java.util.Arrays.sort(xs, 0, k);
        java.util.Arrays.sort(ys, 0, k);
        return new double[] {xs[k / 2], ys[k / 2]};
    }

    private Features features(Box roi, int w, int h, double dt, double heightPx, double[] cam) {
        int x0 = clamp((int) Math.floor(roi.x() * w), w - 1);
        int y0 = clamp((int) Math.floor(roi.y() * h), h - 1);
        int x1 = clamp((int) Math.ceil((roi.x() + roi.w()) * w), w);
        int y1 = clamp((int) Math.ceil((roi.y() + roi.h()) * h), h);
        if (x1 - x0 < 2 || y1 - y0 < 2) {
            return new Features(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        double cx = cam[0];
        double cy = cam[1];
        double[] hist = new double[BINS];
        double sumMag = 0;
        double sumPrevMag = 0;
        double sumDiff = 0;
        double sumMagChange = 0;
        int changed = 0;
        double sumX = 0;
        double sumY = 0;
        int moving = 0;
        double minMove = Math.max(MOVING_PX, MOVING_HEIGHTS * heightPx);
        try (FloatIndexer fi = flow.createIndexer(); FloatIndexer pi = prevFlowValid ? prevFlow.createIndexer() : null) {
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    double fx = fi.get(y, x, 0) - cx;
                    double fy = fi.get(y, x, 1) - cy;
                    double v = Math.hypot(fx, fy);
                    if (v >= minMove) {
                        moving++;
                        sumMag += v;
                        sumX += fx;
                        sumY += fy;
                        double a = Math.atan2(fy, fx) + Math.PI;
                        hist[Math.min(BINS - 1, (int) (a / (2 * Math.PI) * BINS))] += v;
                    }
                    if (pi == null) {
                        continue;
                    }
                    // Acceleration along the motion: the previous flow at p against the current flow where p went.
                    double px = pi.get(y, x, 0) - prevCam[0];
                    double py = pi.get(y, x, 1) - prevCam[1];
                    double pv = Math.hypot(px, py);
                    if (v >= minMove || pv >= minMove) {
                        // ViF: how much the flow magnitude at this pixel changed since the last frame pair.
                        sumMagChange += Math.abs(v - pv);
                        changed++;
                    }
                    if (pv < minMove) {
                        continue;
                    }
                    int qx = (int) Math.round(x + px);
                    int qy = (int) Math.round(y + py);
                    if (qx < 0 || qy < 0 || qx >= w || qy >= h) {
                        continue;
                    }
                    sumDiff += Math.hypot(fi.get(qy, qx, 0) - cx - px, fi.get(qy, qx, 1) - cy - py);
                    sumPrevMag += pv;
                }
            }
        }
        if (moving == 0 || sumMag <= 0) {
            return new Features(0, 0, prevFlowValid ? 0 : Double.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        double entropy = 0;
        for (double c : hist) {
            if (c > 0) {
                double p = c / sumMag;
                entropy -= p * Math.log(p);
            }
        }
        entropy /= Math.log(BINS);
        double speed = sumMag / moving / heightPx / dt;
        // Change of the flow vectors relative to their size: ~0 for steady walking, ~1+ for flailing and reversals.
        double acc = prevFlowValid ? (sumPrevMag > 0 ? sumDiff / sumPrevMag : 0) : Double.NaN;
        double coherence = Math.hypot(sumX, sumY) / sumMag;
        double magChange = changed == 0 ? 0 : sumMagChange / changed / (sumMag / moving);
        double[] wide = frameWide(w, h, dt, cam);
        return new Features(speed, entropy, acc, coherence, moving / (double) ((x1 - x0) * (y1 - y0)),
                sumX / moving / heightPx / dt, sumY / moving / heightPx / dt, magChange, wide[0], wide[1], wide[2], wide[3]);
    }

    /**
     * The same kind of statistics over the whole frame (every other pixel): how much of the scene moves, how fast
     * (frame heights per second), how disordered and how jerky. They do not depend on finding the people, which
     * often fails on real footage (poses, crowds, odd angles).
     */
    private double[] frameWide(int w, int h, double dt, double[] cam) {
        double[] hist = new double[BINS];
        double sumMag = 0;
        double sumChange = 0;
        int moving = 0;
        int changed = 0;
        int n = 0;
        double minMove = MOVING_PX * 1.5;
        try (FloatIndexer fi = flow.createIndexer(); FloatIndexer pi = prevFlowValid ? prevFlow.createIndexer() : null) {
            for (int y = 0; y < h; y += 2) {
                for (int x = 0; x < w; x += 2) {
                    n++;
                    double fx = fi.get(y, x, 0) - cam[0];
                    double fy = fi.get(y, x, 1) - cam[1];
                    double v = Math.hypot(fx, fy);
                    if (v >= minMove) {
                        moving++;
                        sumMag += v;
                        double a = Math.atan2(fy, fx) + Math.PI;
                        hist[Math.min(BINS - 1, (int) (a / (2 * Math.PI) * BINS))] += v;
                    }
                    if (pi != null) {
                        double pv = Math.hypot(pi.get(y, x, 0) - prevCam[0], pi.get(y, x, 1) - prevCam[1]);
                        if (v >= minMove || pv >= minMove) {
                            sumChange += Math.abs(v - pv);
                            changed++;
                        }
                    }
                }
            }
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
        flow.close();
        prevFlow.close();
    }
}
