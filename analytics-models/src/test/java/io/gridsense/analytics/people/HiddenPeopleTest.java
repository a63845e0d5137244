package io.gridsense.analytics.people;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which lenient finds count as someone hidden behind a standing person, and where they are looked for. */
class HiddenPeopleTest {
    private static final double ASPECT = 16 / 9.0;
    /** A person 0.3 of the frame tall, feet at 0.8. */
    private final Box front = new Box(0.45, 0.5, 0.06, 0.3, 0.9);

    @Test
    void someoneAFootBehindAndPartlyCoveredCounts() {
        // Feet a fifth of a height higher, 0.85 as tall, a little to the side: head and one shoulder show.
        Box behind = new Box(0.47, 0.485 - 0.03, 0.05, 0.255, 0.3);
        assertThat(behind.footY()).isLessThan(front.footY());
        assertThat(HiddenPeople.isBehind(behind, front, ASPECT)).isTrue();
        assertThat(HiddenPeople.keepHidden(List.of(behind), List.of(front), List.of(front), ASPECT)).containsExactly(behind);
    }

    @Test
    void findsThatAreNotBehindTheFrontPersonAreDropped() {
        // In front (feet lower), beside (feet level), or far behind.
        assertThat(HiddenPeople.isBehind(new Box(0.47, 0.55, 0.06, 0.3, 0.3), front, ASPECT)).isFalse();
        assertThat(HiddenPeople.isBehind(new Box(0.47, 0.505, 0.06, 0.295, 0.3), front, ASPECT)).isFalse();
        assertThat(HiddenPeople.isBehind(new Box(0.47, 0.3, 0.04, 0.2, 0.3), front, ASPECT)).isFalse();
        // Not covered at all: the first look would have found a person standing in the open.
        assertThat(HiddenPeople.isBehind(new Box(0.56, 0.47, 0.05, 0.27, 0.3), front, ASPECT)).isFalse();
        // Taller than the person in front, or its head level with theirs: the front person's own body again.
        assertThat(HiddenPeople.isBehind(new Box(0.46, 0.44, 0.07, 0.33, 0.3), front, ASPECT)).isFalse();
        assertThat(HiddenPeople.isBehind(new Box(0.46, 0.5, 0.05, 0.24, 0.3), front, ASPECT)).isFalse();
    }

    @Test
    void overlappingWindowsOnOnePersonBehindGiveOneBox() {
        Box best = new Box(0.47, 0.455, 0.05, 0.255, 0.6);
        Box shifted = new Box(0.475, 0.46, 0.05, 0.25, 0.2);
        assertThat(HiddenPeople.keepHidden(List.of(shifted, best), List.of(front), List.of(front), ASPECT))
                .containsExactly(best);
    }

    @Test
    void aFindThatIsSomeoneAlreadySeenIsDropped() {
        Box behind = new Box(0.47, 0.455, 0.05, 0.255, 0.3);
        Box seenThere = new Box(0.471, 0.457, 0.05, 0.25, 0.8);
        assertThat(HiddenPeople.keepHidden(List.of(behind), List.of(front), List.of(front, seenThere), ASPECT)).isEmpty();
    }

    @Test
    void theBandBehindLiesAboveTheFeetAndAsWideAsTheGroupAllows() {
        List<SearchRegion> regions = HiddenPeople.regionsBehind(List.of(front), ASPECT);
        assertThat(regions).hasSize(1);
        SearchRegion r = regions.get(0);
        assertThat(r.area().y() + r.area().h()).isLessThan(front.footY());
        assertThat(r.area().y()).isLessThan(front.y());
        assertThat(r.area().w() * ASPECT).isCloseTo(2 * HiddenPeople.MAX_ASIDE * front.h(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.maxHeight()).isEqualTo(front.h());
        assertThat(r.minHeight()).isLessThan(front.h());
    }
}
