package io.gridsense.analytics.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.Box;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final double ASPECT = 16 / 9.0;
    /** Two people standing apart (see {@link #twoStandingWhereNothingMoves}). */
    private static final Box LEFT = at(0.2, 0.85, 0.42);
    private static final Box RIGHT = at(0.7, 0.72, 0.36);

    private static Box person(double cx, double score) {
        return new Box(cx - 0.04, 0.3, 0.08, 0.45, score);
    }

    @Test
    void aWalkerKeepsOneIdAndOneMissedFrameKeepsTheCount() {
        Tracker tracker = new Tracker();
        long id = -1;
        for (int i = 0; i < 20; i++) {
            Instant at = T0.plusMillis(i * 200L);
            double cx = 0.1 + 0.03 * i;
            tracker.update(i == 10 ? List.of() : List.of(person(cx, 0.9)), at);
            List<Track> now = tracker.current();
            if (i >= 1) {
                assertThat(now).hasSize(1);
                if (id < 0) {
                    id = now.get(0).id();
                }
                assertThat(now.get(0).id()).isEqualTo(id);
            }
        }
    }

    @Test
    void oneDetectionIsNotYetAPersonAndDuplicatesCountOnce() {
        Tracker tracker = new Tracker();
        tracker.update(List.of(person(0.5, 0.99)), T0);
        assertThat(tracker.current()).isEmpty();
        assertThat(tracker.hasUnconfirmed()).as("found once: worth another look at once").isTrue();
        // Two overlapping boxes on the same person (HOG at two scales).
        Box big = new Box(0.455, 0.28, 0.09, 0.49, 0.8);
        tracker.update(List.of(person(0.5, 0.9), big), T0.plusMillis(200));
        tracker.update(List.of(person(0.5, 0.9), big), T0.plusMillis(400));
        assertThat(tracker.current()).hasSize(1);
        assertThat(tracker.hasUnconfirmed()).isFalse();
    }

    @Test
    void someoneFoundBehindAnotherPersonIsASecondPersonThoughTheirBoxesOverlap() {
        Box front = at(0.5, 0.85, 0.42);
        // Feet 0.1 higher, a little shorter and to the side: two thirds of the box lie inside the front person's.
        Box behind = at(0.53, 0.75, 0.37);
        assertThat(Tracker.same(front, behind)).as("as a plain detection it would be a second box on one person")
                .isTrue();
        Tracker plain = new Tracker();
        Tracker told = new Tracker();
        for (int i = 0; i < 5; i++) {
            Instant t = T0.plusMillis(200L * i);
            plain.update(List.of(front, behind), t, ASPECT, null);
            told.update(List.of(front), List.of(behind), t, ASPECT, null);
        }
        assertThat(plain.current()).hasSize(1);
        assertThat(told.current()).hasSize(2);
        // Seen behind once, then only the front person for a look: both still count.
        told.update(List.of(front), List.of(), T0.plusMillis(1000), ASPECT, null);
        assertThat(told.current()).hasSize(2);
    }

    @Test
    void someoneFoundBehindOnlyNowAndThenDoesNotCount() {
        Box front = at(0.5, 0.85, 0.42);
        Box behind = at(0.53, 0.75, 0.37);
        Tracker tracker = new Tracker();
        int counted = 0;
        for (int i = 0; i < 20; i++) {
            // Found on every fourth look: a lenient window on an arm or a shoulder, not a person standing there.
            tracker.update(List.of(front), i % 4 == 0 ? List.of(behind) : List.of(), T0.plusMillis(200L * i), ASPECT,
                    null);
            counted = Math.max(counted, tracker.current().size());
        }
        assertThat(counted).isEqualTo(1);
    }

    @Test
    void someoneFoundBehindAGroupIsWorthAnotherLookAtOnceUntilTheyCount() {
        Box front = at(0.5, 0.85, 0.42);
        Box behind = at(0.53, 0.75, 0.37);
        Tracker tracker = new Tracker();
        tracker.update(List.of(front), List.of(), T0, ASPECT, null);
        tracker.update(List.of(front), List.of(), T0.plusMillis(200), ASPECT, null);
        assertThat(tracker.hasUnconfirmed()).isFalse();
        tracker.update(List.of(front), List.of(behind), T0.plusMillis(400), ASPECT, null);
        tracker.update(List.of(front), List.of(behind), T0.plusMillis(600), ASPECT, null);
        assertThat(tracker.current()).as("found behind twice: not counted yet").hasSize(1);
        assertThat(tracker.hasUnconfirmed()).as("so look again at once").isTrue();
        tracker.update(List.of(front), List.of(behind), T0.plusMillis(800), ASPECT, null);
        assertThat(tracker.current()).hasSize(2);
        assertThat(tracker.hasUnconfirmed()).isFalse();
    }

    @Test
    void someoneFollowedForUnderASecondIsNotSettledYet() {
        Tracker tracker = new Tracker();
        for (int i = 0; i < 4; i++) {
            tracker.update(List.of(at(0.5, 0.85, 0.42)), T0.plusMillis(200L * i), ASPECT);
        }
        assertThat(tracker.hasUnsettled()).as("0.6 s of tracking: standing or walking not known yet").isTrue();
        tracker.update(List.of(at(0.5, 0.85, 0.42)), T0.plusMillis(1000), ASPECT);
        tracker.update(List.of(at(0.5, 0.85, 0.42)), T0.plusMillis(1200), ASPECT);
        assertThat(tracker.hasUnsettled()).as("a second measured since the second sighting").isFalse();
    }

    @Test
    void recentSpeedIsNetDisplacementSoHeavyJitterDoesNotMakeAWalker() {
        Tracker tracker = new Tracker();
        double aspect = 16 / 9.0;
        java.util.Random rnd = new java.util.Random(11);
        for (int i = 0; i < 30; i++) {
            Instant t = T0.plusMillis(i * 200L);
            Box walker = at(0.05 + 0.135 * 0.2 * i, 0.5, 0.3); // 0.8 heights/s, as above
            // A standing person boxed 10 % of their height off, one way or the other, on every look.
            Box still = at(0.5 + rnd.nextGaussian() * 0.1 * 0.4 / aspect, 0.9 + rnd.nextGaussian() * 0.1 * 0.4, 0.4);
            tracker.update(List.of(walker, still), t, aspect);
        }
        for (Track tr : tracker.current()) {
            if (tr.box().footY() < 0.7) {
                assertThat(tr.recentSpeed()).as("walker, heights/s over 2 s").isBetween(0.65, 0.95);
            } else {
                assertThat(tr.recentSpeed()).as("standing person, heights/s over 2 s").isLessThan(0.25);
            }
        }
    }

    @Test
    void peopleWhoLeaveAreForgotten() {
        Tracker tracker = new Tracker();
        for (int i = 0; i < 5; i++) {
            tracker.update(List.of(person(0.3, 0.9), person(0.7, 0.9)), T0.plusMillis(i * 200L));
        }
        assertThat(tracker.current()).hasSize(2);
        tracker.update(List.of(person(0.3, 0.9)), T0.plusMillis(2400));
        assertThat(tracker.current()).hasSize(1);
    }

    private static Box at(double cx, double footY, double h) {
        return new Box(cx - 0.2 * h, footY - h, 0.4 * h, h, 0.9);
    }

    private static long idNear(List<Track> tracks, double cx) {
        return tracks.stream().min(java.util.Comparator.comparingDouble(t -> Math.abs(t.box().centerX() - cx)))
                .orElseThrow().id();
    }

    @Test
    void crossingPathsKeepTheirIds() {
        // Two walkers on a 16:9 frame cross at the centre, one a little further away; greedy nearest-centroid
        // matching swaps them at the crossing when the nearer box is the wrong one.
        Tracker tracker = new Tracker();
        double aspect = 16 / 9.0;
        long left = -1;
        long right = -1;
        for (int i = 0; i <= 30; i++) {
            Instant t = T0.plusMillis(i * 200L);
            double a = 0.2 + 0.02 * i;
            double b = 0.8 - 0.02 * i;
            tracker.update(List.of(at(a, 0.80, 0.40), at(b, 0.76, 0.38)), t, aspect);
            List<Track> now = tracker.current();
            if (i == 2) {
                assertThat(now).hasSize(2);
                left = idNear(now, a);
                right = idNear(now, b);
            }
            if (i > 2 && Math.abs(a - b) > 0.1) {
                assertThat(idNear(now, a)).as("walker from the left, frame %d", i).isEqualTo(left);
                assertThat(idNear(now, b)).as("walker from the right, frame %d", i).isEqualTo(right);
            }
        }
        assertThat(left).isNotEqualTo(right);
    }

    @Test
    void aMissedDetectionWhileWalkingKeepsTheTrackAndItsPrediction() {
        Tracker tracker = new Tracker();
        double aspect = 16 / 9.0;
        long id = -1;
        for (int i = 0; i < 25; i++) {
            Instant t = T0.plusMillis(i * 200L);
            double cx = 0.1 + 0.025 * i;
            // Frames 10-13 miss the walker (0.8 s hidden behind a pillar); the track must pick him up again.
            tracker.update(i >= 10 && i <= 13 ? List.of() : List.of(at(cx, 0.8, 0.4)), t, aspect);
            List<Track> now = tracker.current();
            if (i >= 1) {
                assertThat(now).as("frame %d", i).hasSize(1);
                if (id < 0) {
                    id = now.get(0).id();
                }
                assertThat(now.get(0).id()).as("frame %d", i).isEqualTo(id);
            }
        }
    }

    @Test
    void speedsAreInHeightsPerSecondAndAStandingPersonWithJitterIsStill() {
        Tracker tracker = new Tracker();
        double aspect = 16 / 9.0;
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < 30; i++) {
            Instant t = T0.plusMillis(i * 200L);
            // A far walker at 0.8 heights/s (0.3 high, so 0.24 frame heights/s = 0.135 frame widths/s), and a near
            // standing person whose detected box jitters by ~5% of the height each frame.
            double walkerX = 0.05 + 0.135 * 0.2 * i;
            Box walker = at(walkerX, 0.5, 0.3);
            Box still = at(0.5 + rnd.nextGaussian() * 0.05 * 0.4 / aspect, 0.9 + rnd.nextGaussian() * 0.05 * 0.4, 0.4);
            tracker.update(List.of(walker, still), t, aspect);
        }
        List<Track> now = tracker.current();
        assertThat(now).hasSize(2);
        for (Track tr : now) {
            double speed = Math.hypot(tr.vx() * aspect, tr.vy()) / tr.box().h();
            if (tr.box().footY() < 0.7) {
                assertThat(speed).as("walker speed, heights/s").isBetween(0.65, 0.95);
            } else {
                assertThat(speed).as("standing person speed, heights/s").isLessThan(0.4);
            }
        }
    }

    @Test
    void aTrackCoastsForAboutOnePointTwoSecondsThenStopsCounting() {
        Tracker tracker = new Tracker();
        for (int i = 0; i < 5; i++) {
            tracker.update(List.of(person(0.5, 0.9)), T0.plusMillis(i * 200L));
        }
        // The detector keeps running but sees nobody.
        tracker.update(List.of(), T0.plusMillis(1800));
        assertThat(tracker.current()).as("1.0 s after the last detection").hasSize(1);
        tracker.update(List.of(), T0.plusMillis(2200));
        assertThat(tracker.current()).as("1.4 s after the last detection").isEmpty();
    }

    @Test
    void aStandingPersonHiddenBehindSomeoneInFrontKeepsCountingWhileTheyStayInFront() {
        Tracker tracker = new Tracker();
        double aspect = 16 / 9.0;
        Box front = at(0.52, 0.85, 0.42);
        Box behind = at(0.45, 0.72, 0.36);
        standTogether(tracker, front, behind, aspect);
        assertThat(tracker.current()).hasSize(2);
        // The person behind is no longer detected (hidden by the one in front), for 20 s: longer than a gathering
        // rule's duration.
        for (int i = 10; i < 110; i++) {
            tracker.update(List.of(front), T0.plusMillis(i * 200L), aspect);
            assertThat(tracker.current()).as("%d ms after the last sight", (i - 9) * 200).hasSize(2);
        }
        assertThat(tracker.current()).allSatisfy(t -> assertThat(t.recentSpeed()).isLessThan(0.1));
        // The one in front walks off and nobody is found where the hidden one stood: they are no longer assumed there.
        for (int i = 110; i < 130; i++) {
            tracker.update(List.of(at(0.52 + 0.015 * (i - 109), 0.85, 0.42)), T0.plusMillis(i * 200L), aspect);
        }
        assertThat(tracker.current()).hasSize(1);
    }

    @Test
    void aWalkerWhoStopsBehindSomeoneStandingCountsAsStandingThere() {
        Tracker tracker = new Tracker();
        double aspect = 16 / 9.0;
        Box front = at(0.52, 0.85, 0.42);
        // Walks in from the left at ~0.8 heights a second, 5 looks a second, and is lost behind the standing one.
        for (int i = 0; i < 15; i++) {
            Box walker = at(0.2 + 0.8 * 0.36 / aspect * 0.2 * i, 0.72, 0.36);
            tracker.update(walker.x() + walker.w() < 0.47 ? List.of(front, walker) : List.of(front),
                    T0.plusMillis(i * 200L), aspect);
        }
        for (int i = 15; i < 40; i++) {
            tracker.update(List.of(front), T0.plusMillis(i * 200L), aspect);
        }
        assertThat(tracker.current()).as("5 s out of sight behind someone standing").hasSize(2);
        assertThat(tracker.current()).allSatisfy(t -> assertThat(t.recentSpeed()).isLessThan(0.4));
    }

    @Test
    void theLastToJoinAGroupFoundOnlyOnTheirLastStepsCountsWhoeverTurnsUpBehindThem() {
        Tracker tracker = new Tracker();
        double aspect = 16 / 9.0;
        Box front = at(0.52, 0.85, 0.42);
        double step = 0.8 * 0.36 / aspect * 0.2;
        for (int i = 0; i < 10; i++) {
            tracker.update(List.of(front), T0.plusMillis(i * 200L), aspect);
        }
        // Found on their last four steps only (they came from behind something), 0.8 s together with the one in
        // front, then lost as they stop behind them.
        for (int i = 10; i < 15; i++) {
            tracker.update(List.of(front, at(0.45 - step * (14 - i), 0.72, 0.36)), T0.plusMillis(i * 200L), aspect);
        }
        for (int i = 15; i < 20; i++) {
            tracker.update(List.of(front), T0.plusMillis(i * 200L), aspect);
        }
        // Someone else turns up a height behind them, on the side they came from: not them coming out.
        Box other = at(0.45 - 0.36 / aspect, 0.72, 0.36);
        for (int i = 20; i < 45; i++) {
            tracker.update(List.of(front, other), T0.plusMillis(i * 200L), aspect);
        }
        assertThat(tracker.current()).as("5 s later: the one in front, the one hidden and the newcomer").hasSize(3);
        Track hidden = tracker.current().stream().filter(t -> t.box().footY() < 0.8
                && t.box().centerX() > other.centerX() + 0.05).findFirst().orElseThrow();
        assertThat(hidden.box().centerX()).as("where they were lost (moved on by at most 0.4 s of walking)")
                .isBetween(0.44, 0.52);
        assertThat(hidden.recentSpeed()).isLessThan(0.4);
    }

    @Test
    void aPasserByWhoComesOutFromBehindSomeoneIsNotCountedTwice() {
        Tracker tracker = new Tracker();
        double aspect = 16 / 9.0;
        Box front = at(0.52, 0.85, 0.42);
        double step = 0.8 * 0.36 / aspect * 0.2;
        // Seen walking up (0.2 s a look), out of sight behind the standing person for 2 s (long enough to be held as
        // stopped there), then found beyond them too far from where they were lost for the track to take them back:
        // a new track, 1.3 heights from where the walker was lost, which is them coming out.
        for (int i = 0; i < 7; i++) {
            tracker.update(List.of(front, at(0.2 + step * i, 0.72, 0.36)), T0.plusMillis(i * 200L), aspect);
        }
        for (int i = 7; i < 17; i++) {
            tracker.update(List.of(front), T0.plusMillis(i * 200L), aspect);
        }
        assertThat(tracker.current()).as("held as stopped behind the standing person").hasSize(2);
        for (int i = 17; i < 25; i++) {
            tracker.update(List.of(front, at(0.73 + step * (i - 17), 0.72, 0.36)), T0.plusMillis(i * 200L), aspect);
            assertThat(tracker.current()).as("look %d", i).hasSizeLessThanOrEqualTo(2);
        }
        assertThat(tracker.current()).hasSize(2);
    }

    @Test
    void aStandingPersonWhoDisappearsWithNobodyInFrontStopsCountingAsBefore() {
        Tracker tracker = new Tracker();
        double aspect = 16 / 9.0;
        Box left = at(0.2, 0.85, 0.42);
        Box right = at(0.7, 0.72, 0.36);
        standTogether(tracker, left, right, aspect);
        for (int i = 10; i < 18; i++) {
            tracker.update(List.of(left), T0.plusMillis(i * 200L), aspect);
        }
        assertThat(tracker.current()).as("1.6 s after the right one was last seen, nobody hiding them").hasSize(1);
    }

    @Test
    void aHiddenStandingTrackIsNotHandedToSomeoneWalkingPast() {
        Tracker tracker = new Tracker();
        double aspect = 16 / 9.0;
        Box front = at(0.52, 0.85, 0.42);
        Box behind = at(0.45, 0.72, 0.36);
        standTogether(tracker, front, behind, aspect);
        long hiddenId = tracker.current().stream().filter(t -> t.box().footY() < 0.8).findFirst().orElseThrow().id();
        for (int i = 10; i < 15; i++) {
            tracker.update(List.of(front), T0.plusMillis(i * 200L), aspect);
        }
        // A walker appears 0.7 of a person's height beside where the hidden person stands.
        Box walker = at(0.45 - 0.7 * 0.36 / aspect, 0.72, 0.36);
        tracker.update(List.of(front, walker), T0.plusMillis(3000), aspect);
        tracker.update(List.of(front, walker), T0.plusMillis(3200), aspect);
        Track hidden = tracker.current().stream().filter(t -> t.id() == hiddenId).findFirst().orElseThrow();
        assertThat(hidden.box().centerX()).as("the hidden person stays where they stood").isCloseTo(0.45,
                org.assertj.core.data.Offset.offset(0.02));
        assertThat(tracker.current()).hasSize(3);
    }

    @Test
    void someoneWhoStartsWalkingBetweenTwoSlowLooksKeepsTheirTrack() {
        // An overloaded box analyses a camera at ~1.7 fps: 0.6 s between looks. A person stands for 3 s, then walks
        // off at 0.9 heights/s, 0.54 heights a look: more than a hidden person's tight gate, within the normal one.
        Tracker tracker = new Tracker();
        double aspect = 16 / 9.0;
        long id = -1;
        for (int i = 0; i < 12; i++) {
            double cx = i < 5 ? 0.5 : 0.5 + 0.54 * 0.4 / aspect * (i - 4);
            tracker.update(List.of(at(Math.min(cx, 0.95), 0.85, 0.4)), T0.plusMillis(i * 600L), aspect);
            List<Track> now = tracker.current();
            if (i >= 1) {
                assertThat(now).as("look %d", i).hasSize(1);
                if (id < 0) {
                    id = now.get(0).id();
                }
                assertThat(now.get(0).id()).as("look %d", i).isEqualTo(id);
            }
        }
    }

    @Test
    void aStandingPersonTheDetectorLosesWhileNothingMovesThereKeepsCountingForAWhile() {
        Tracker tracker = twoStandingWhereNothingMoves();
        // HOG stops finding the one on the right; nothing moves anywhere.
        for (int i = 15; i < 50; i++) {
            tracker.update(List.of(LEFT), T0.plusMillis(i * 200L), ASPECT, List.of());
            assertThat(tracker.current()).as("%d ms after the last sight", (i - 14) * 200).hasSize(2);
        }
        for (int i = 50; i < 65; i++) {
            tracker.update(List.of(LEFT), T0.plusMillis(i * 200L), ASPECT, List.of());
        }
        assertThat(tracker.current()).as("long after: no longer assumed to be there").hasSize(1);
    }

    @Test
    void someoneWhoStoodOnlyAMomentIsNotAssumedToBeStillThere() {
        // A child at play stops for a second beside someone standing, then runs on where the motion gate misses it.
        Tracker tracker = new Tracker();
        for (int i = 0; i < 15; i++) {
            tracker.update(i < 8 ? List.of(LEFT) : List.of(LEFT, RIGHT), T0.plusMillis(i * 200L), ASPECT, List.of());
        }
        assertThat(tracker.current()).hasSize(2);
        for (int i = 15; i < 25; i++) {
            tracker.update(List.of(LEFT), T0.plusMillis(i * 200L), ASPECT, List.of());
        }
        assertThat(tracker.current()).as("2 s after a 1.2 s stop").hasSize(1);
    }

    @Test
    void motionWhereALostStandingPersonStoodMeansTheyLeft() {
        Tracker tracker = twoStandingWhereNothingMoves();
        // They walk off undetected: the motion gate sees their whole box move, then nothing.
        Box swaying = new Box(RIGHT.x(), RIGHT.y() + 0.7 * RIGHT.h(), RIGHT.w(), 0.3 * RIGHT.h(), 1);
        tracker.update(List.of(LEFT), T0.plusMillis(3000), ASPECT, List.of(swaying));
        assertThat(tracker.current()).as("a third of the box moving is someone shifting their weight").hasSize(2);
        tracker.update(List.of(LEFT), T0.plusMillis(3200), ASPECT, List.of(RIGHT));
        for (int i = 17; i < 25; i++) {
            tracker.update(List.of(LEFT), T0.plusMillis(i * 200L), ASPECT, List.of());
        }
        assertThat(tracker.current()).as("1.8 s after the last sight, having moved").hasSize(1);
    }

    @Test
    void aLostStandingPersonFoundAgainALittleAsideCountsOnce() {
        Tracker tracker = twoStandingWhereNothingMoves();
        for (int i = 15; i < 25; i++) {
            tracker.update(List.of(LEFT), T0.plusMillis(i * 200L), ASPECT, List.of());
        }
        // Boxed again 0.6 of a height to the side (beyond a lost standing person's gate): a new track on them.
        Box again = at(0.7 + 0.6 * 0.36 / ASPECT, 0.72, 0.36);
        for (int i = 25; i < 30; i++) {
            tracker.update(List.of(LEFT, again), T0.plusMillis(i * 200L), ASPECT, List.of());
        }
        assertThat(tracker.current()).hasSize(2);
    }

    /** Two people apart, LEFT and RIGHT, standing for 3 s at 5 fps, the motion gate seeing nothing move. */
    private static Tracker twoStandingWhereNothingMoves() {
        Tracker tracker = new Tracker();
        for (int i = 0; i < 15; i++) {
            tracker.update(List.of(LEFT, RIGHT), T0.plusMillis(i * 200L), ASPECT, List.of());
        }
        return tracker;
    }

    /** Two people standing still for 2 s at 5 fps. */
    private static void standTogether(Tracker tracker, Box a, Box b, double aspect) {
        for (int i = 0; i < 10; i++) {
            tracker.update(List.of(a, b), T0.plusMillis(i * 200L), aspect);
        }
    }
}
