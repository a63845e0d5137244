package io.gridsense.analytics.scene;

import java.util.ArrayList;
import java.util.List;

/**
 * One scripted person: a figure and a timeline of segments (walk from A to B, stand and chat, fight). Positions
 * are in the 640x360 reference frame; {@link #pose} scales them to the output size and applies perspective.
 */
final class Actor {
    enum Mode { WALK, STAND, FIGHT }

    record Segment(double t0, double t1, double x0, double y0, double x1, double y1, Mode mode, double facing) {
    }

    final Figure figure;
    private final double seed;
    private final List<Segment> segments = new ArrayList<>();

    Actor(Figure figure, double seed) {
        this.figure = figure;
        this.seed = seed;
    }

    Actor walk(double t0, double t1, double x0, double y0, double x1, double y1) {
        segments.add(new Segment(t0, t1, x0, y0, x1, y1, Mode.WALK, Math.signum(x1 - x0)));
        return this;
    }

    Actor stand(double t0, double t1, double x, double y, double facing) {
        segments.add(new Segment(t0, t1, x, y, x, y, Mode.STAND, facing));
        return this;
    }

    Actor fight(double t0, double t1, double x, double y, double facing) {
        segments.add(new Segment(t0, t1, x, y, x, y, Mode.FIGHT, facing));
        return this;
    }

    /** Perspective: people lower in the frame (nearer) are taller; 132 px at y=250, 173 px at y=340. */
    static double heightAt(double footY) {
        return 110 + (footY - 200) * 0.45;
    }

    /** The pose at time t in output pixels, or null when the actor is not in the scene then. */
    Pose pose(double t, double sx, double sy) {
        for (Segment s : segments) {
            if (t >= s.t0() && t < s.t1()) {
                Pose p = switch (s.mode()) {
                    case WALK -> walking(s, t);
                    case STAND -> standing(s, t);
                    case FIGHT -> fighting(s, t);
                };
                return new Pose(p.x() * sx, p.footY() * sy, p.height() * sy, p.width(), p.facing(), p.lean(),
                        p.hipL(), p.kneeL(), p.hipR(), p.kneeR(), p.shoulderL(), p.elbowL(), p.shoulderR(), p.elbowR());
            }
        }
        return null;
    }

    private Pose walking(Segment s, double t) {
        double f = (t - s.t0()) / (s.t1() - s.t0());
        double x = s.x0() + (s.x1() - s.x0()) * f;
        double y = s.y0() + (s.y1() - s.y0()) * f;
        double h = heightAt(y) * figure.heightScale;
        double dist = Math.hypot(x - s.x0(), y - s.y0());
        double dir = s.facing() == 0 ? 1 : s.facing();
        // One gait cycle (two steps) covers about 0.8 body heights.
        double phase = dist / (0.8 * h) * 2 * Math.PI + seed;
        double sw = Math.sin(phase);
        double hipL = dir * 0.42 * sw;
        double hipR = -hipL;
        // The leg swinging forward bends its knee (backwards, against the walking direction).
        double kneeL = -dir * 0.55 * Math.max(0, Math.cos(phase));
        double kneeR = -dir * 0.55 * Math.max(0, -Math.cos(phase));
        double armL = -hipL * 0.8;
        double armR = -hipR * 0.8;
        return new Pose(x, y, h, 0.8, dir, dir * 0.04, hipL, kneeL, hipR, kneeR,
                armL, dir * 0.3, armR, dir * 0.3);
    }

    private Pose standing(Segment s, double t) {
        double h = heightAt(s.y0()) * figure.heightScale;
        // Weight shifting and a small sway keep a standing crowd alive.
        double shift = Math.sin(0.9 * t + seed);
        double x = s.x0() + 2.5 * shift;
        double lean = 0.035 * shift;
        // A gesture now and then: one forearm comes up while talking.
        double g = Math.max(0, Math.sin(0.7 * t + seed * 3));
        g = g * g * g;
        double dir = s.facing();
        double armR = 0.12 + dir * 0.6 * g;
        double elR = -1.6 * g * (dir >= 0 ? 1 : -1);
        double g2 = Math.max(0, Math.sin(0.55 * t + seed * 5 + 2));
        g2 = g2 * g2 * g2;
        double armL = -0.12 + dir * 0.5 * g2;
        double elL = 1.5 * g2 * (dir >= 0 ? -1 : 1);
        return new Pose(x, s.y0(), h, 0.95, dir, lean, -0.07 + 0.04 * shift, 0, 0.07 + 0.04 * shift, 0,
                armL, elL, armR, elR);
    }

    private Pose fighting(Segment s, double t) {
        double h = heightAt(s.y0()) * figure.heightScale;
        double dir = s.facing();
        // Lunges and being pushed back: irregular, fast back-and-forth along the line between the fighters.
        double lunge = 0.13 * h * (Math.sin(2 * Math.PI * 1.3 * t + seed) + 0.6 * Math.sin(2 * Math.PI * 2.7 * t + 2 * seed));
        double x = s.x0() + dir * lunge;
        double lean = dir * (0.1 + 0.2 * Math.sin(2 * Math.PI * 1.7 * t + seed));
        // Flailing arms: swings of ~2 rad at 2-4 Hz, each arm on its own rhythm.
        double aL = dir * (1.2 + 0.9 * Math.sin(2 * Math.PI * 3.1 * t + seed));
        double aR = dir * (1.1 + 1.0 * Math.sin(2 * Math.PI * 2.6 * t + seed * 1.7 + 1));
        double eL = -dir * (0.6 + 0.6 * Math.sin(2 * Math.PI * 3.7 * t + seed * 2.3));
        double eR = -dir * (0.6 + 0.6 * Math.sin(2 * Math.PI * 4.1 * t + seed * 0.7));
        double step = 0.12 * Math.sin(2 * Math.PI * 1.9 * t + seed);
        return new Pose(x, s.y0(), h, 0.85, dir, lean, -0.22 + step, 0.1, 0.22 + step, -0.1, aL, eL, aR, eR);
    }
}
