package io.gridsense.analytics.behavior;

import io.gridsense.analytics.Box;
import io.gridsense.analytics.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a fight could be: two or more people close together, or failing detections (people grappling defeat the
 * people detector) two close motion blobs or one blob wide enough to hold two people.
 */
final class FightCandidates {
    /** Two people (or blobs) at most this many person heights apart may be fighting. */
    static final double CLOSE_HEIGHTS = 1.2;
    /** A motion blob this wide for its height holds two or more people. */
    static final double WIDE_BLOB = 0.75;

    /** The region to measure, the people's height (normalised) and how many are involved. */
    record Candidate(Box region, double personHeight, int people) {
    }

    private final List<Point> region;

    FightCandidates(List<Point> region) {
        this.region = region;
    }

    /** The close group of this frame, or null. */
    Candidate find(FrameContext f) {
        List<Box> people = inRegion(f.people());
        List<Box> close = closeGroup(people, f);
        if (close.size() >= 2) {
            double h = close.stream().mapToDouble(Box::h).average().orElse(0);
            return new Candidate(expand(Regions.union(close), 0.15), h, close.size());
        }
        List<Box> blobs = inRegion(f.motionBoxes());
        List<Box> closeBlobs = closeGroup(blobs, f);
        if (closeBlobs.size() >= 2) {
            double h = closeBlobs.stream().mapToDouble(Box::h).max().orElse(0);
            return new Candidate(expand(Regions.union(closeBlobs), 0.1), h, closeBlobs.size());
        }
        for (Box b : blobs) {
            double aspect = b.w() * f.width() / Math.max(1e-6, b.h() * f.height());
            if (aspect >= WIDE_BLOB && b.h() >= 0.15) {
                return new Candidate(expand(b, 0.1), b.h(), 2);
            }
        }
        return null;
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
