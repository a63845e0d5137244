package io.gridsense.analytics.behavior;

import io.gridsense.analytics.Box;
import io.gridsense.analytics.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a fight could be: two or more people close together, or failing detections (people grappling defeat the
 * people detector) two close motion blobs or one blob wide enough to hold two people. Failing those, a fallback: the
 * box holding everyone and all the motion blobs, or the whole rule region when the scene moves but nothing formed a
 * blob. Real CCTV fights are often small, occluded and blurred, so the close-group tests miss many of them; the
 * classifier decides on the fallback's motion, and the drift gate keeps people crossing the scene from alarming. A
 * camera with no motion and nobody in view measures nothing, so a quiet camera still costs nothing.
 */
final class FightCandidates {
    /** Two people (or blobs) at most this many person heights apart may be fighting. */
    static final double CLOSE_HEIGHTS = 1.2;
    /** A motion blob this wide for its height holds two or more people. */
    static final double WIDE_BLOB = 0.75;

    /** People's height (normalised) assumed for a frame-wide window, when no blob says how tall they are. */
    static final double DEFAULT_HEIGHT = 0.3;

    /** The region to measure, the people's height (normalised), how many are involved, and whether it is a fallback. */
    record Candidate(Box region, double personHeight, int people, boolean fallback) {
    }

    private final List<Point> region;

    FightCandidates(List<Point> region) {
        this.region = region;
    }

    /** The close group of this frame, else the fallback region, or null when nothing moves and nobody is there. */
    Candidate find(FrameContext f) {
        List<Box> people = inRegion(f.people());
        List<Box> close = closeGroup(people, f);
        if (close.size() >= 2) {
            double h = close.stream().mapToDouble(Box::h).average().orElse(0);
            return new Candidate(expand(Regions.union(close), 0.15), h, close.size(), false);
        }
        List<Box> blobs = inRegion(f.motionBoxes());
        List<Box> closeBlobs = closeGroup(blobs, f);
        if (closeBlobs.size() >= 2) {
            double h = closeBlobs.stream().mapToDouble(Box::h).max().orElse(0);
            return new Candidate(expand(Regions.union(closeBlobs), 0.1), h, closeBlobs.size(), false);
        }
        for (Box b : blobs) {
            double aspect = b.w() * f.width() / Math.max(1e-6, b.h() * f.height());
            if (aspect >= WIDE_BLOB && b.h() >= 0.15) {
                return new Candidate(expand(b, 0.1), b.h(), 2, false);
            }
        }
        if (f.motionFraction() <= 0 && people.isEmpty()) {
            return null;
        }
        List<Box> all = new ArrayList<>(people);
        all.addAll(blobs);
        if (!all.isEmpty()) {
            double h = people.isEmpty() ? blobs.stream().mapToDouble(Box::h).max().orElse(DEFAULT_HEIGHT)
                    : people.stream().mapToDouble(Box::h).average().orElse(DEFAULT_HEIGHT);
            return new Candidate(expand(Regions.union(all), 0.15), h, Math.max(2, people.size()), true);
        }
        return new Candidate(regionBox(), DEFAULT_HEIGHT, 2, true);
    }

    /** The rule region's bounding box (the whole frame without a region). */
    private Box regionBox() {
        if (region == null || region.isEmpty()) {
            return new Box(0, 0, 1, 1, 1);
        }
        double x0 = 1;
        double y0 = 1;
        double x1 = 0;
        double y1 = 0;
        for (Point p : region) {
            x0 = Math.min(x0, p.x());
            y0 = Math.min(y0, p.y());
            x1 = Math.max(x1, p.x());
            y1 = Math.max(y1, p.y());
        }
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        return new Box(x0, y0, Math.max(0.01, Math.min(1, x1) - x0), Math.max(0.01, Math.min(1, y1) - y0), 1);
    }

    private List<Box> inRegion(List<Box> boxes) {
        List<Box> out = new ArrayList<>();
        for (Box b : boxes) {
            if (Regions.contains(region, b)) {
                out.add(b);
            }
        }
        return out;
    }

    /** The members of all close pairs (within CLOSE_HEIGHTS), merged. */
    private static List<Box> closeGroup(List<Box> boxes, FrameContext f) {
        List<Box> out = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                if (Regions.distanceInHeights(boxes.get(i), boxes.get(j), f.width(), f.height()) <= CLOSE_HEIGHTS) {
                    if (!out.contains(boxes.get(i))) {
                        out.add(boxes.get(i));
                    }
                    if (!out.contains(boxes.get(j))) {
                        out.add(boxes.get(j));
                    }
                }
            }
        }
        return out;
    }

    private static Box expand(Box b, double margin) {
        double mx = b.w() * margin;
        double my = b.h() * margin;
        double x0 = Math.max(0, b.x() - mx);
        double y0 = Math.max(0, b.y() - my);
        double x1 = Math.min(1, b.x() + b.w() + mx);
        double y1 = Math.min(1, b.y() + b.h() + my);
        return new Box(x0, y0, x1 - x0, y1 - y0, b.score());
    }
}
