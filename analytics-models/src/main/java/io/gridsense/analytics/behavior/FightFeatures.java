package io.gridsense.analytics.behavior;

import java.util.List;

/**
 * The fight classifier's input: ViF-style statistics of the per-frame flow features over the sliding window
 * (means and spreads of speed, direction entropy, acceleration, magnitude change, coherence, moving share), how
 * far the group drifted, and frame-wide means of the same kind (which do not depend on finding the people). Heavy-tailed values are log-compressed so that one wild frame does not dominate.
 * The last four are scale-free (ratios of flow to flow), so they do not depend on the camera's resolution, zoom or on
 * guessing people's height: the ViF share of pixels whose speed changed by half or more, the spread of speeds within
 * the region, and how much the region's speed varies over the window (fights surge and pause; walking is steady).
 * Then the window's {@link LocalDirections#entropy local direction entropy}: how many directions the same
 * spots moved in over the whole window (a walker crosses a spot once; fighters swing every way in place), and its
 * {@link LocalDirections#reversals reversal rate}: how often a spot's motion turned back from one frame pair to the
 * next (the single most telling statistic on the real clips: clip-level AUC 0.91). Last the {@link #flicker block
 * flicker}: how unsteadily each part of the frame moves from one frame pair to the next (raised a real-only
 * regression's cross-validated accuracy by 0.015-0.02; docs/detection.md).
 */
public final class FightFeatures {
    /** Names of the vector's entries, in order (for the model card and logs). */
    public static final List<String> NAMES = List.of(
            "log_speed_mean", "log_speed_std", "log_speed_max", "entropy_mean", "entropy_std", "log_accel_mean",
            "log_accel_std", "log_magchange_mean", "coherence_mean", "coherence_std", "moving_share_mean",
            "log_drift_heights_per_s", "frame_moving_share_mean", "log_frame_speed_mean", "frame_entropy_mean",
            "log_frame_magchange_mean", "vif_mean", "vif_std", "speed_spread_mean", "speed_time_cv",
            "local_direction_entropy", "reversal_rate", "block_flicker");
    public static final int SIZE = NAMES.size();
    /** A block whose mean moving flow over the window is below this (half-size pixels per pair) did not move. */
    private static final double BLOCK_MOVING = 0.05;

    private FightFeatures() {
    }

    /** The vector for a window of per-frame features spanning {@code spanS} seconds, the group drifting driftHeights. */
    public static double[] of(List<MotionEnergy.Features> window, double spanS, double driftHeights) {
        int n = window.size();
        double[] speed = new double[n];
        double[] ent = new double[n];
        double[] acc = new double[n];
        double[] mag = new double[n];
        double[] coh = new double[n];
        double[] mov = new double[n];
        double[] fMov = new double[n];
        double[] fSpeed = new double[n];
        double[] fEnt = new double[n];
        double[] fMag = new double[n];
        double[] vif = new double[n];
        double[] spread = new double[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            MotionEnergy.Features f = window.get(i);
            speed[i] = Math.log1p(f.speed());
            ent[i] = f.entropy();
            acc[i] = Math.log1p(Double.isNaN(f.acceleration()) ? 0 : f.acceleration());
            mag[i] = Math.log1p(f.magnitudeChange());
            coh[i] = f.coherence();
            mov[i] = f.movingShare();
            fMov[i] = f.frameMovingShare();
            fSpeed[i] = Math.log1p(10 * f.frameSpeed());
            fEnt[i] = f.frameEntropy();
            fMag[i] = Math.log1p(f.frameMagnitudeChange());
            vif[i] = f.vifShare();
            spread[i] = f.speedSpread();
            raw[i] = f.speed();
        }
        List<LocalDirections.Cells> cells = window.stream().map(MotionEnergy.Features::cells).toList();
        return new double[] {mean(speed), std(speed), max(speed), mean(ent), std(ent), mean(acc), std(acc), mean(mag),
            mean(coh), std(coh), mean(mov), Math.log1p(driftHeights / Math.max(0.5, spanS)), mean(fMov), mean(fSpeed),
            mean(fEnt), mean(fMag), mean(vif), std(vif), mean(spread), std(raw) / Math.max(1e-3, mean(raw)),
            LocalDirections.entropy(cells), LocalDirections.reversals(cells), flicker(window)};
    }

    /**
     * How unsteadily the frame's blocks move over the window: per block that moved (mean above BLOCK_MOVING), the
     * mean squared change of its motion from one frame pair to the next against its mean squared motion, averaged
     * over those blocks (0: steady, up to 4: on and off every pair). A walker's passing raises and lowers a block's
     * motion smoothly; blows and grapples switch it on and off.
     */
    static double flicker(List<MotionEnergy.Features> window) {
        int n = window.size();
        if (n < 3) {
            return 0;
        }
        int blocks = window.get(0).blocks().length;
        double sum = 0;
        int active = 0;
        for (int b = 0; b < blocks; b++) {
            double level = 0;
            double squares = 0;
            double changes = 0;
            for (int t = 0; t < n; t++) {
                double m = window.get(t).blocks()[b];
                level += m;
                squares += m * m;
                if (t > 0) {
                    double d = m - window.get(t - 1).blocks()[b];
                    changes += d * d;
                }
            }
            if (level / n > BLOCK_MOVING) {
                sum += (changes / (n - 1)) / (squares / n);
                active++;
            }
        }
        return active == 0 ? 0 : sum / active;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    private static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return v.length < 2 ? 0 : Math.sqrt(s / (v.length - 1));
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
