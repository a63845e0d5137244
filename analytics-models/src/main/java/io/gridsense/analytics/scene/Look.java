package io.gridsense.analytics.scene;

import java.util.Locale;
import java.util.Random;

/**
 * How one clip is filmed, apart from what the people do: slow light drift, a sudden lighting change (a cloud, a
 * street light switching), camera shake, a foreground pillar that hides people walking behind it, sensor noise
 * and JPEG-like compression. Varied per generated clip so that the evaluation does not reward one rendering.
 */
record Look(double driftAmplitude, double stepAt, double stepGain, double shakePx, double occluderX,
            double occluderWidth, double noiseSigma, int jpegQuality) {

    /** The demo's look: a gentle drift and mild noise, nothing else (unchanged since the first demo scenes). */
    static Look plain(DemoScene scene) {
        return new Look(scene == DemoScene.EMPTY ? 0.06 : 0.03, -1, 1, 0, -1, 0, 3, 0);
    }

    /** A random look; {@code strongShake} for the shaking-camera hard negative. */
    static Look random(Random rnd, double length, boolean strongShake) {
        double drift = 0.02 + rnd.nextDouble() * 0.05;
        boolean step = rnd.nextDouble() < 0.35;
        double stepAt = step ? length * (0.2 + 0.6 * rnd.nextDouble()) : -1;
        double stepGain = step ? (rnd.nextBoolean() ? 0.75 + rnd.nextDouble() * 0.1 : 1.15 + rnd.nextDouble() * 0.1) : 1;
        double shake = strongShake ? 3 + rnd.nextDouble() * 5 : (rnd.nextDouble() < 0.25 ? rnd.nextDouble() * 1.5 : 0);
        boolean occluder = rnd.nextDouble() < 0.3;
        double ox = occluder ? 120 + rnd.nextDouble() * 400 : -1;
        double ow = occluder ? 14 + rnd.nextDouble() * 20 : 0;
        double noise = 2 + rnd.nextDouble() * 5;
        int jpeg = rnd.nextDouble() < 0.5 ? 30 + rnd.nextInt(60) : 0;
        return new Look(drift, stepAt, stepGain, shake, ox, ow, noise, jpeg);
    }

    /** Brightness gain at t: the slow drift times the step, once it has happened. */
    double gain(double t, double length) {
        double g = 1 + driftAmplitude * Math.sin(2 * Math.PI * t / Math.max(8, length));
        return stepAt >= 0 && t >= stepAt ? g * stepGain : g;
    }

    /** The camera's offset at t in reference pixels: a tremor made of incommensurate sines, no state needed. */
    double[] shake(double t) {
        if (shakePx <= 0) {
            return new double[] {0, 0};
        }
        double dx = Math.sin(2 * Math.PI * 2.3 * t) * 0.6 + Math.sin(2 * Math.PI * 5.1 * t + 1) * 0.4;
        double dy = Math.sin(2 * Math.PI * 1.7 * t + 2) * 0.6 + Math.sin(2 * Math.PI * 4.3 * t + 0.5) * 0.4;
        return new double[] {dx * shakePx, dy * shakePx};
    }

    /** One-line description for clips.csv. */
    String describe() {
        return String.format(Locale.ROOT, "drift=%.2f step=%s shake=%.1fpx occluder=%s noise=%.1f jpeg=%s", driftAmplitude,
                stepAt < 0 ? "-" : String.format(Locale.ROOT, "%.0fs*%.2f", stepAt, stepGain), shakePx,
                occluderX < 0 ? "-" : String.format(Locale.ROOT, "x%.0f", occluderX), noiseSigma,
                jpegQuality <= 0 ? "-" : Integer.toString(jpegQuality));
    }
}
