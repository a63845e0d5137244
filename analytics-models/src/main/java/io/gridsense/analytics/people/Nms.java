package io.gridsense.analytics.people;

import io.gridsense.analytics.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression on normalised boxes, also dropping boxes mostly inside a stronger one. */
public final class Nms {
    private Nms() {
    }

    public static double iou(Box a, Box b) {
        double inter = intersection(a, b);
        double union = a.w() * a.h() + b.w() * b.h() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** The area two boxes share (normalised units). */
    public static double intersection(Box a, Box b) {
        double ix = Math.max(0, Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y()));
        return ix * iy;
    }

    /** Keeps the best-scoring boxes; a box overlapping a kept one by IoU above iouMax (or 70% contained) goes. */
    public static List<Box> suppress(List<Box> boxes, double iouMax) {
        List<Box> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble(Box::score).reversed());
        List<Box> kept = new ArrayList<>();
        for (Box b : sorted) {
            boolean keep = true;
            for (Box k : kept) {
                double inter = intersection(b, k);
                if (iou(b, k) > iouMax || inter > 0.7 * Math.min(b.w() * b.h(), k.w() * k.h())) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(b);
            }
        }
        return kept;
    }
}
