package io.gridsense.analytics.people;

import io.gridsense.analytics.Box;
import io.gridsense.analytics.density.HeightModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Where to look for people between whole-frame looks: around each known person (where the tracker predicts them,
 * at about their height) and in each motion blob no known person explains (at the height the scene's perspective
 * gives for its foot row once learnt, else a wide range around the blob's own height).
 */
public final class SearchRegions {
    /** Blobs shorter than this (normalised) are noise or too small for any detector. */
    private static final double MIN_BLOB_H = 0.06;
    /** A blob this much inside a known person's box is that person moving. */
    private static final double EXPLAINED = 0.6;

    private SearchRegions() {
    }

    /** The regions for the people predicted now and the frame's motion blobs (all normalised). */
    public static List<SearchRegion> around(List<Box> people, List<Box> blobs, HeightModel heights) {
        List<SearchRegion> out = new ArrayList<>();
        for (Box p : people) {
            out.add(new SearchRegion(p, 0.85 * p.h(), 1.2 * p.h()));
        }
        for (Box b : blobs) {
            if (b.h() < MIN_BLOB_H || explained(b, people)) {
                continue;
            }
            double expected = heights.heightAt(b.footY());
            if (Double.isNaN(expected)) {
                out.add(new SearchRegion(b, 0.6 * b.h(), 1.6 * b.h()));
            } else {
                // The blob's bottom is not always the feet (only the upper body moved), which makes a person look
                // farther, so smaller, than they are: more room upwards than downwards.
                out.add(new SearchRegion(b, 0.7 * expected, 1.6 * expected));
            }
        }
        return out;
    }

    /** Whether the blob lies mostly on a known person, counting the reach of their arms and legs. */
    private static boolean explained(Box blob, List<Box> people) {
        double area = blob.w() * blob.h();
        for (Box p : people) {
            Box reach = new Box(p.x() - 0.5 * p.w(), p.y() - 0.1 * p.h(), 2 * p.w(), 1.2 * p.h(), p.score());
            if (Nms.intersection(blob, reach) >= EXPLAINED * area) {
                return true;
            }
        }
        return false;
    }
}
