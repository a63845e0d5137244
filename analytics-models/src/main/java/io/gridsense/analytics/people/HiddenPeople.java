package io.gridsense.analytics.people;

import io.gridsense.analytics.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where to look for people standing behind others in a group, and which lenient finds there to believe. In a group
 * people stand one behind another; the one behind shows a head, shoulders and a stripe of body, and a whole-body
 * detector scores them just below its threshold. Looking again, more leniently, only in the band behind each
 * standing person (feet a little higher up the image, a little shorter) finds many of them; a find counts only when
 * the person in front covers part of it (otherwise the first look would have found it) and it is not one of the
 * people already seen, shifted.
 */
final class HiddenPeople {
    /** How much lower the SVM threshold is behind a standing person than in the first look. */
    static final double LENIENCY = 0.6;
    /** Feet of someone behind are this far above the front person's feet (in the front person's heights)... */
    static final double MIN_BEHIND = 0.06;
    /** ...and at most this far (about two metres further away for a camera looking down at 30 degrees). */
    static final double MAX_BEHIND = 0.55;
    /**
     * Sideways, someone behind is at most this far from the front person's centre (front person's heights): further
     * out, the person in front would not cover them.
     */
    static final double MAX_ASIDE = 0.55;
    /** Someone further away looks shorter: between these shares of the front person's height. */
    static final double MIN_HEIGHT = 0.6;
    static final double MAX_HEIGHT = 1.0;
    /**
     * The head of someone further away is higher up the image than the front person's, by at least this share of the
     * front person's height (their feet are higher by more than their height is shorter); a find whose top is level
     * with the front person's is the front person's own upper body.
     */
    static final double HEAD_ABOVE = 0.05;
    /** A find overlapping someone already seen this much is them again. */
    static final double SAME_PERSON = 0.5;
    /** The front person covers at least this share of a find's box. */
    static final double MIN_COVERED = 0.15;

    private HiddenPeople() {
    }

    /** The band behind each standing person, as search regions; {@code aspect} is the frame's width / height. */
    static List<SearchRegion> regionsBehind(List<Box> standing, double aspect) {
        List<SearchRegion> out = new ArrayList<>();
        for (Box s : standing) {
            double h = s.h();
            double foot = s.footY();
            double aside = MAX_ASIDE * h / aspect;
            double top = Math.max(0, foot - MAX_BEHIND * h - MAX_HEIGHT * h);
            double bottom = foot - MIN_BEHIND * h;
            double left = Math.max(0, s.centerX() - aside);
            double right = Math.min(1, s.centerX() + aside);
            if (bottom <= top || right <= left) {
                continue;
            }
            out.add(new SearchRegion(new Box(left, top, right - left, bottom - top, 1), MIN_HEIGHT * h, MAX_HEIGHT * h));
        }
        return out;
    }

    /**
     * The finds that stand behind (and partly hidden by) one of the standing people and are not already seen, one
     * box per person: {@code found} are the lenient look's unsuppressed windows, which also find the people already
     * seen again (more often than anyone behind them).
     */
    static List<Box> keepHidden(List<Box> found, List<Box> standing, List<Box> seen, double aspect) {
        List<Box> candidates = new ArrayList<>();
        for (Box b : found) {
            if (standing.stream().anyMatch(s -> isBehind(b, s, aspect))
                    && seen.stream().noneMatch(k -> Nms.iou(b, k) > SAME_PERSON)) {
                candidates.add(b);
            }
        }
        // Only overlap, not containment, suppresses here: the finds lie inside the front people's boxes by design.
        candidates.sort(Comparator.comparingDouble(Box::score).reversed());
        List<Box> out = new ArrayList<>();
        for (Box b : candidates) {
            if (out.stream().noneMatch(k -> Nms.iou(b, k) > 0.35)) {
                out.add(b);
            }
        }
        return out;
    }

    /** Whether {@code b} stands behind {@code front}: feet higher, shorter, beside it, and partly covered by it. */
    static boolean isBehind(Box b, Box front, double aspect) {
        double h = front.h();
        double up = front.footY() - b.footY();
        return up >= MIN_BEHIND * h && up <= MAX_BEHIND * h
                && b.h() >= MIN_HEIGHT * h && b.h() <= MAX_HEIGHT * h
                && Math.abs(b.centerX() - front.centerX()) * aspect <= MAX_ASIDE * h
                // Further away means the head is higher up the image too; a find lower down is the front person's
                // own body seen again.
                && b.y() <= front.y() - HEAD_ABOVE * h
                && Nms.intersection(b, front) >= MIN_COVERED * area(b);
    }

    private static double area(Box b) {
        return b.w() * b.h();
    }
}
