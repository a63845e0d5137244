package io.gridsense.analytics.behavior;

import io.gridsense.analytics.Box;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells an orderly queue from a gathering: people standing one behind the other along a line (their foot points,
 * on the perspective-weighted ground plane, lie within a fifth of a person height of one straight line that is
 * several times longer than it is wide), rather than facing each other in a cluster. In a queue of six or more,
 * one person off the line (someone keeping a place beside the line, or a second box the detector put on one of
 * them) does not make it a cluster; with fewer, four of five people in a loose ring lie on a line too often.
 */
final class QueueShape {
    /** Spread across the line (RMS, person heights) below which the group is a line. */
    static final double MAX_WIDTH_HEIGHTS = 0.2;
    /** The line must be this many times longer than it is wide. */
    static final double MIN_ELONGATION = 4;
    /** A group this large may have one member off the line and still be a queue. */
    static final int MIN_FOR_ONE_OFF = 6;

    private QueueShape() {
    }

    static boolean isQueue(List<Box> group, int width, int height) {
        if (isLine(group, width, height)) {
            return true;
        }
        for (int i = 0; group.size() >= MIN_FOR_ONE_OFF && i < group.size(); i++) {
            List<Box> others = new ArrayList<>(group);
            others.remove(i);
            if (isLine(others, width, height)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLine(List<Box> group, int width, int height) {
        int n = group.size();
        if (n < 4) {
            return false;
        }
        double meanH = group.stream().mapToDouble(Box::h).average().orElse(0) * height;
        if (meanH <= 0) {
            return false;
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            xs[i] = group.get(i).centerX() * width / meanH;
            ys[i] = group.get(i).footY() * height * Regions.DEPTH_WEIGHT / meanH;
            mx += xs[i] / n;
            my += ys[i] / n;
        }
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (xs[i] - mx) * (xs[i] - mx) / n;
            syy += (ys[i] - my) * (ys[i] - my) / n;
            sxy += (xs[i] - mx) * (ys[i] - my) / n;
        }
        // Eigenvalues of the 2x2 covariance: variance along and across the best-fitting line.
        double tr = sxx + syy;
        double det = sxx * syy - sxy * sxy;
        double disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
        double along = Math.sqrt(Math.max(0, tr / 2 + disc));
        double across = Math.sqrt(Math.max(0, tr / 2 - disc));
        return across <= MAX_WIDTH_HEIGHTS && along >= MIN_ELONGATION * Math.max(across, 0.05);
    }
}
