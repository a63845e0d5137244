package io.gridsense.analytics.scene;

import java.util.Random;

/**
 * The look of one rendered person (clothes, skin, hair, build) and the drawing of a {@link Pose} with it.
 * Proportions follow the usual ~7.5-heads human canon, because OpenCV's HOG people detector was trained on
 * real pedestrians and only fires on human-proportioned silhouettes with distinct legs.
 */
final class Figure {
    private static final int[][] SHIRTS = {
        {40, 40, 190}, {235, 235, 235}, {110, 45, 25}, {40, 130, 40}, {30, 180, 220}, {35, 35, 35},
        {150, 90, 160}, {30, 90, 200}, {180, 130, 60}, {60, 60, 120}};
    private static final int[][] TROUSERS = {
        {110, 60, 30}, {30, 30, 30}, {40, 55, 75}, {90, 130, 160}, {60, 60, 60}, {120, 50, 40}};
    private static final int[][] SKINS = {{150, 180, 225}, {110, 150, 200}, {80, 110, 160}, {130, 170, 215}};
    private static final int[][] HAIRS = {{20, 20, 25}, {30, 45, 70}, {60, 60, 60}, {15, 25, 40}};

    private final int[] shirt;
    private final int[] trousers;
    private final int[] skin;
    private final int[] hair;
    private final int[] shoes;
    /** Per-person build: 0.92..1.08 of the perspective height, 0.9..1.1 of the width. */
    final double heightScale;
    final double build;

    Figure(Random rnd) {
        this(rnd, 1.0);
    }

    /** A figure {@code scale} times the adult size (about 0.6-0.7 for a child). */
    Figure(Random rnd, double scale) {
        shirt = SHIRTS[rnd.nextInt(SHIRTS.length)];
        trousers = TROUSERS[rnd.nextInt(TROUSERS.length)];
        skin = SKINS[rnd.nextInt(SKINS.length)];
        hair = HAIRS[rnd.nextInt(HAIRS.length)];
        shoes = new int[] {25, 25, 30};
        heightScale = scale * (0.92 + rnd.nextDouble() * 0.16);
        build = 0.9 + rnd.nextDouble() * 0.2;
    }

    /** The tight box around the figure in pixels: x, y, w, h. */
    static double[] bounds(Pose p) {
        double h = p.height();
        return new double[] {p.x() - 0.16 * h, p.footY() - h, 0.32 * h, h};
    }

    void draw(Canvas c, Pose p) {
        double h = p.height();
        double wf = p.width() * build;
        // Legs first, from a hip point; then shift everything so the lower foot touches footY.
        double hipY0 = 0;
        double[] footL = limbEnd(0, hipY0, p.hipL(), 0.245 * h, p.kneeL(), 0.235 * h);
        double[] footR = limbEnd(0, hipY0, p.hipR(), 0.245 * h, p.kneeR(), 0.235 * h);
        double lowest = Math.max(footL[3], footR[3]);
        double hx = p.x();
        double hy = p.footY() - 0.035 * h - lowest;
        double legOff = 0.045 * h * wf;

        drawLeg(c, hx - legOff, hy, p.hipL(), p.kneeL(), h, p.facing(), 0.85);
        drawLeg(c, hx + legOff, hy, p.hipR(), p.kneeR(), h, p.facing(), 1.0);

        // Upper body, leaning about the hip.
        double sin = Math.sin(p.lean());
        double cos = Math.cos(p.lean());
        double[] sh = rot(hx, hy, 0, -0.29 * h, sin, cos);
        double[] waist = rot(hx, hy, 0, -0.12 * h, sin, cos);
        double sw = 0.115 * h * wf;
        double[] shL = rot(hx, hy, -sw, -0.285 * h, sin, cos);
        double[] shR = rot(hx, hy, sw, -0.285 * h, sin, cos);
        double[] wL = rot(hx, hy, -0.085 * h * wf, -0.12 * h, sin, cos);
        double[] wR = rot(hx, hy, 0.085 * h * wf, -0.12 * h, sin, cos);
        double[] hL = rot(hx, hy, -0.095 * h * wf, 0.02 * h, sin, cos);
        double[] hR = rot(hx, hy, 0.095 * h * wf, 0.02 * h, sin, cos);
        // Trousers' seat, then the shirt with a shaded right side (light from the upper left).
        c.poly(trousers, wL[0], wL[1], wR[0], wR[1], hR[0], hR[1], hL[0], hL[1]);
        c.poly(shirt, shL[0], shL[1], shR[0], shR[1], wR[0], wR[1] + 0.03 * h, wL[0], wL[1] + 0.03 * h);
        c.poly(Canvas.shade(shirt, 0.72), sh[0] + sw * 0.45, sh[1], shR[0], shR[1], wR[0], wR[1] + 0.03 * h,
                waist[0] + 0.085 * h * wf * 0.4, waist[1] + 0.03 * h);
        // Neck and head.
        double[] neckTop = rot(hx, hy, 0, -0.33 * h, sin, cos);
        c.line(sh[0], sh[1], neckTop[0], neckTop[1], 0.05 * h, Canvas.shade(skin, 0.85));
        double[] head = rot(hx, hy, 0.01 * h * p.facing(), -0.385 * h, sin, cos);
        c.ellipseFill(head[0], head[1], 0.05 * h, 0.064 * h, Math.toDegrees(p.lean()), skin);
        c.ellipseFill(head[0] - 0.012 * h * p.facing(), head[1] - 0.025 * h, 0.052 * h, 0.04 * h,
                Math.toDegrees(p.lean()), hair);
        // Arms over the torso, sleeves darker than the shirt front so they stay distinct.
        drawArm(c, shL[0] + 0.015 * h, shL[1], p.shoulderL(), p.elbowL(), h, 0.8);
        drawArm(c, shR[0] - 0.015 * h, shR[1], p.shoulderR(), p.elbowR(), h, 0.9);
    }

    private void drawLeg(Canvas c, double x, double y, double hip, double knee, double h, double facing,
                         double light) {
        double[] e = limbEnd(x, y, hip, 0.245 * h, knee, 0.235 * h);
        int[] base = Canvas.shade(trousers, light);
        c.line(x, y, e[0], e[1], 0.085 * h, base);
        c.line(e[0], e[1], e[2], e[3], 0.068 * h, base);
        c.line(x - 0.012 * h, y, e[0] - 0.01 * h, e[1], 0.03 * h, Canvas.shade(base, 1.25));
        double toe = facing == 0 ? 0.02 * h : 0.06 * h * Math.signum(facing);
        c.line(e[2] - 0.015 * h * Math.signum(toe), e[3] + 0.01 * h, e[2] + toe, e[3] + 0.015 * h, 0.04 * h, shoes);
    }

    private void drawArm(Canvas c, double x, double y, double shoulder, double elbow, double h, double light) {
        double[] e = limbEnd(x, y, shoulder, 0.16 * h, elbow, 0.145 * h);
        int[] sleeve = Canvas.shade(shirt, light * 0.85);
        c.line(x, y, e[0], e[1], 0.058 * h, sleeve);
        c.line(e[0], e[1], e[2], e[3], 0.046 * h, Canvas.shade(skin, light));
        c.disc(e[2], e[3], 0.026 * h, Canvas.shade(skin, light));
    }

    /** The knee (or elbow) and foot (or hand) of a two-segment limb hanging from x,y. */
    private static double[] limbEnd(double x, double y, double a1, double l1, double a2, double l2) {
        double kx = x + Math.sin(a1) * l1;
        double ky = y + Math.cos(a1) * l1;
        double fx = kx + Math.sin(a1 + a2) * l2;
        double fy = ky + Math.cos(a1 + a2) * l2;
        return new double[] {kx, ky, fx, fy};
    }

    private static double[] rot(double cx, double cy, double dx, double dy, double sin, double cos) {
        return new double[] {cx + dx * cos - dy * sin, cy + dx * sin + dy * cos};
    }
}
