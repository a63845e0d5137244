package io.gridsense.analytics.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which boxes are a part of someone (legs hidden) rather than a person further away, and where their feet are. */
class PartialBoxesTest {
    private static final double ASPECT = 16 / 9.0;
    /** An adult standing with their feet at 0.8, 0.4 of the frame tall. */
    private static final Box FRONT = new Box(0.40, 0.40, 0.07, 0.40, 0.9);

    @Test
    void anUpperBodyBesideSomeoneIsAPartAndStandsLevelWithThem() {
        // feet at 0.58 (behind), head at 0.40 (level with the front person's), 0.18 tall
        Box upper = new Box(0.45, 0.40, 0.05, 0.18, 0.8);
        assertThat(PartialBoxes.isPartBeside(upper, FRONT, ASPECT)).isTrue();
        List<Box> whole = PartialBoxes.wholePeople(List.of(FRONT, upper), ASPECT);
        assertThat(whole).hasSize(2);
        assertThat(whole.get(0)).isEqualTo(FRONT);
        // extended down to the front person's height: the feet stand level with theirs
        assertThat(whole.get(1).y()).isEqualTo(upper.y());
        assertThat(whole.get(1).h()).isEqualTo(FRONT.h());
        assertThat(whole.get(1).footY()).isCloseTo(FRONT.footY(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void anExtendedBoxEndsAtTheFrame() {
        Box bottom = new Box(0.40, 0.58, 0.07, 0.42, 0.9);
        Box upper = new Box(0.45, 0.60, 0.05, 0.18, 0.8);
        Box extended = PartialBoxes.wholePeople(List.of(bottom, upper), ASPECT).get(1);
        assertThat(extended.h()).isGreaterThan(upper.h());
        assertThat(extended.footY()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void aPartTakesTheHeightOfTheNearestNeighbour() {
        Box near = new Box(0.50, 0.42, 0.07, 0.36, 0.9);
        Box upper = new Box(0.50, 0.42, 0.05, 0.17, 0.8);
        List<Box> whole = PartialBoxes.wholePeople(List.of(FRONT, near, upper), ASPECT);
        assertThat(whole.get(2).h()).isEqualTo(near.h());
    }

    @Test
    void someoneFurtherBackWithTheirHeadHigherIsAPerson() {
        Box behind = new Box(0.45, 0.30, 0.06, 0.34, 0.8);
        assertThat(PartialBoxes.isPartBeside(behind, FRONT, ASPECT)).isFalse();
        assertThat(PartialBoxes.wholePeople(List.of(FRONT, behind), ASPECT)).containsExactly(FRONT, behind);
    }

    @Test
    void aChildBesideAnAdultIsAPerson() {
        // same depth, 0.6 of the adult's height: the head is lower, but the feet are not behind
        Box child = new Box(0.48, 0.56, 0.045, 0.24, 0.8);
        assertThat(PartialBoxes.isPartBeside(child, FRONT, ASPECT)).isFalse();
        // a little behind, 0.55 of the height: not less than half
        Box childBehind = new Box(0.48, 0.54, 0.045, 0.22, 0.8);
        assertThat(PartialBoxes.isPartBeside(childBehind, FRONT, ASPECT)).isFalse();
    }

    @Test
    void aSmallBoxFarToTheSideIsNotJudgedByThisNeighbour() {
        Box far = new Box(0.90, 0.40, 0.05, 0.18, 0.8);
        assertThat(PartialBoxes.isPartBeside(far, FRONT, ASPECT)).isFalse();
    }
}
