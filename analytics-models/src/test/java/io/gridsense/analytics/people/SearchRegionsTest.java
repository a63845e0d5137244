package io.gridsense.analytics.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.gridsense.analytics.Box;
import io.gridsense.analytics.density.HeightModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchRegionsTest {

    @Test
    void aKnownPersonIsLookedForAtAboutTheirHeight() {
        Box person = new Box(0.4, 0.3, 0.1, 0.4, 0.9);
        List<SearchRegion> r = SearchRegions.around(List.of(person), List.of(), new HeightModel());
        assertThat(r).hasSize(1);
        assertThat(r.get(0).area()).isEqualTo(person);
        assertThat(r.get(0).minHeight()).isCloseTo(0.34, offset(1e-9));
        assertThat(r.get(0).maxHeight()).isCloseTo(0.48, offset(1e-9));
    }

    @Test
    void aBlobOnAKnownPersonIsThatPersonMovingAndAnotherBlobIsLookedAt() {
        Box person = new Box(0.4, 0.3, 0.1, 0.4, 0.9);
        Box arm = new Box(0.47, 0.4, 0.06, 0.1, 1); // a swinging arm, partly outside the person's box
        Box stranger = new Box(0.8, 0.35, 0.08, 0.3, 1);
        Box speck = new Box(0.1, 0.1, 0.02, 0.03, 1);
        List<SearchRegion> r = SearchRegions.around(List.of(person), List.of(arm, stranger, speck), new HeightModel());
        assertThat(r).extracting(SearchRegion::area).containsExactly(person, stranger);
        // No perspective learnt yet: a wide range around the blob's own height.
        assertThat(r.get(1).minHeight()).isCloseTo(0.18, offset(1e-9));
        assertThat(r.get(1).maxHeight()).isCloseTo(0.48, offset(1e-9));
    }

    @Test
    void onceThePerspectiveIsLearntABlobIsLookedAtTheHeightOfItsRow() {
        HeightModel heights = new HeightModel();
        List<Box> seen = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double foot = 0.5 + 0.02 * i;
            double h = 0.4 * foot; // nearer (lower) people are taller
            seen.add(new Box(0.5, foot - h, 0.1, h, 0.9));
        }
        heights.observe(seen);
        Box legsOnly = new Box(0.2, 0.8, 0.05, 0.1, 1); // only the legs moved: the blob is far shorter than the person
        List<SearchRegion> r = SearchRegions.around(List.of(), List.of(legsOnly), heights);
        assertThat(r).hasSize(1);
        double expected = 0.4 * 0.9;
        assertThat(r.get(0).minHeight()).isCloseTo(0.7 * expected, offset(1e-3));
        assertThat(r.get(0).maxHeight()).isCloseTo(1.6 * expected, offset(1e-3));
    }

    @Test
    void heightsMustBeOrdered() {
        Box b = new Box(0, 0, 0.1, 0.1, 1);
        assertThatThrownBy(() -> new SearchRegion(b, 0.2, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SearchRegion(b, 0, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
