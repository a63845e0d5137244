package io.gridsense.analytics.behavior;

import io.gridsense.analytics.Box;
import io.gridsense.analytics.Point;
import java.util.List;

/** Geometry helpers on normalised coordinates: rule regions and the polygons of events. */
public final class Regions {
    /** How much more a foot-height difference weighs than a sideways one (perspective). */
    public static final double DEPTH_WEIGHT = 2.5;

    private Regions() {
    }

    /** Whether the point lies in the polygon (ray casting); an empty polygon means the whole frame. */
    public static boolean contains(List<Point> polygon, double x, double y) {
        if (polygon.size() < 3) {
            return true;
        }
        boolean in = false;
        for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
            Point a = polygon.get(i);
            Point b = polygon.get(j);
            if ((a.y() > y) != (b.y() > y) && x < (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x()) {
                in = !in;
            }
        }
        return in;
    }

    /** A person is in the region when the point where they stand (the box's bottom centre) is. */
    public static boolean contains(List<Point> polygon, Box person) {
        return contains(polygon, person.centerX(), person.footY());
    }

    /** The smallest box around all boxes. */
    public static Box union(List<Box> boxes) {
        double x0 = 1;
        double y0 = 1;
        double x1 = 0;
        double y1 = 0;
        for (Box b : boxes) {
            x0 = Math.min(x0, b.x());
            y0 = Math.min(y0, b.y());
            x1 = Math.max(x1, b.x() + b.w());
            y1 = Math.max(y1, b.y() + b.h());
        }
        return new Box(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0), 1);
    }

    /** The box as a clockwise 4-point polygon, clipped to the frame. */
    public static List<Point> polygon(Box b) {
        double x0 = clamp(b.x());
        double y0 = clamp(b.y());
        double x1 = clamp(b.x() + b.w());
        double y1 = clamp(b.y() + b.h());
        return List.of(new Point(x0, y0), new Point(x1, y0), new Point(x1, y1), new Point(x0, y1));
    }

    /**
     * Rough ground-plane distance between two people in units of their mean height, for a width x height frame:
     * differences of foot height count {@link #DEPTH_WEIGHT} times, because a typical elevated camera compresses
     * depth. (A calibrated homography replaces this later.)
     */
    public static double distanceInHeights(Box a, Box b, int width, int height) {
        double dx = (a.centerX() - b.centerX()) * width;
        double dy = (a.footY() - b.footY()) * height * DEPTH_WEIGHT;
        double h = (a.h() + b.h()) / 2 * height;
        return h <= 0 ? Double.MAX_VALUE : Math.hypot(dx, dy) / h;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
