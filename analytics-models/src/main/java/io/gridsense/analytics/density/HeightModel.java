package io.gridsense.analytics.density;

import io.gridsense.analytics.Box;
import java.util.List;

/**
 * How tall a person is at each image row, learnt from the tracked people themselves: a least-squares line
 * height = a + b * footY with exponential forgetting. A crude ground-plane calibration that needs no user input;
 * the density estimate uses it to weigh far (small) rows more than near ones.
 */
public final class HeightModel {
    /** Samples older than roughly this many are forgotten (a camera that is moved re-learns). */
    private static final double MEMORY = 500;
    private static final double MIN_SAMPLES = 8;
    /** Foot rows must spread this much (normalised) before the slope means anything. */
    private static final double MIN_SPREAD = 0.08;

    private double n;
    private double sy;
    private double sh;
    private double syy;
    private double syh;

    /** Adds the people of one frame (normalised boxes). */
    public void observe(List<Box> people) {
        double keep = 1 - 1 / MEMORY;
        for (Box p : people) {
            n = n * keep + 1;
            sy = sy * keep + p.footY();
            sh = sh * keep + p.h();
            syy = syy * keep + p.footY() * p.footY();
            syh = syh * keep + p.footY() * p.h();
        }
    }

    /** Whether enough people at enough depths were seen to use the line. */
    public boolean ready() {
        return n >= MIN_SAMPLES && spread() >= MIN_SPREAD;
    }

    private double spread() {
        double var = syy / n - (sy / n) * (sy / n);
        return var <= 0 ? 0 : Math.sqrt(var);
    }

    /**
     * A person's height (normalised) whose feet are at row {@code footY}; NaN when not {@link #ready()}. Never
     * below a fifth of the mean height, so that rows above the horizon of the fit do not get absurd weights.
     */
    public double heightAt(double footY) {
        if (!ready()) {
            return Double.NaN;
        }
        double my = sy / n;
        double mh = sh / n;
        double b = (syh / n - my * mh) / (syy / n - my * my);
        double a = mh - b * my;
        return Math.max(0.2 * mh, a + b * footY);
    }
}
