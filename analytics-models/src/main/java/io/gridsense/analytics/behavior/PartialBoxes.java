package io.gridsense.analytics.behavior;

import io.gridsense.analytics.Box;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the feet of a person whose legs are hidden where they stand. When a post, a parked car or someone in front
 * hides a person's legs, the detector may box their upper body: the box's bottom (taken as the feet) lies at the
 * waist, so the person seems to stand behind their neighbours. A camera mounted above head height sees someone
 * further away with their head higher up the image too; a box whose feet are well behind a neighbour's but whose head
 * is not above the neighbour's head, and which is less than half the neighbour's height, is the upper part of someone
 * about as far away as that neighbour, and is extended down to the neighbour's height. Left as it was, such a box on
 * a queuer half hidden by a post stood behind the queue and made it look like a cluster.
 */
final class PartialBoxes {
    /** A neighbour this far to the side (in its heights) is beside the box. */
    static final double MAX_ASIDE_HEIGHTS = 1.5;
    /** The box's feet are this far behind the neighbour's (in its heights) before they count as further away. */
    static final double MIN_BEHIND_HEIGHTS = 0.1;
    /**
     * Less than this share of the neighbour's height: a child is 0.6-0.7 of an adult, and someone further back is
     * shorter still, so a child who stands a couple of metres behind an adult may fall below it too; they are then
     * placed level with that adult, still counted, a little nearer than they stand.
     */
    static final double MAX_HEIGHT_SHARE = 0.5;

    private PartialBoxes() {
    }

    /**
     * The boxes, each part of someone extended to the height of the nearest neighbour it is a part beside (so its
     * bottom is where that person's feet are); {@code aspect} is the frame's width over its height.
     */
    static List<Box> wholePeople(List<Box> boxes, double aspect) {
        List<Box> out = new ArrayList<>();
        for (Box b : boxes) {
            Box nearest = null;
            for (Box n : boxes) {
                if (n != b && isPartBeside(b, n, aspect)
                        && (nearest == null || Math.abs(n.centerX() - b.centerX()) < Math.abs(nearest.centerX() - b.centerX()))) {
                    nearest = n;
                }
            }
            // Within the frame: someone at the bottom edge has their feet at most there.
            out.add(nearest == null ? b : new Box(b.x(), b.y(), b.w(), Math.min(nearest.h(), 1 - b.y()), b.score()));
        }
        return out;
    }

    /** Whether {@code b} is a part of someone beside {@code neighbour} (see the class comment). */
    static boolean isPartBeside(Box b, Box neighbour, double aspect) {
        double h = neighbour.h();
        return Math.abs(b.centerX() - neighbour.centerX()) * aspect <= MAX_ASIDE_HEIGHTS * h
                && b.footY() <= neighbour.footY() - MIN_BEHIND_HEIGHTS * h
                && b.y() >= neighbour.y()
                && b.h() < MAX_HEIGHT_SHARE * h;
    }
}
