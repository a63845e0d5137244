package io.gridsense.analytics.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridsense.analytics.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeightModelTest {

    private static Box personAt(double footY, double h) {
        return new Box(0.5 - 0.2 * h, footY - h, 0.4 * h, h, 0.9);
    }

    @Test
    void learnsThePerspectiveLineFromPeopleAtSeveralDepths() {
        HeightModel m = new HeightModel();
        assertThat(m.ready()).isFalse();
        assertThat(m.heightAt(0.8)).isNaN();
        // A camera where people are 0.1 high with feet at row 0.4 and 0.4 high at row 1.0: h = -0.1 + 0.5 * footY.
        for (int i = 0; i < 20; i++) {
            double foot = 0.4 + 0.03 * i;
            m.observe(List.of(personAt(foot, -0.1 + 0.5 * foot)));
        }
        assertThat(m.ready()).isTrue();
        assertThat(m.heightAt(0.6)).isCloseTo(0.2, within(1e-6));
        assertThat(m.heightAt(0.9)).isCloseTo(0.35, within(1e-6));
        // Above the fitted horizon the height does not fall to zero or below.
        assertThat(m.heightAt(0.0)).isGreaterThan(0.04);
    }

    @Test
    void peopleAllAtOneDepthDoNotMakeASlope() {
        HeightModel m = new HeightModel();
        for (int i = 0; i < 30; i++) {
            m.observe(List.of(personAt(0.8, 0.3 + 0.01 * (i % 3))));
        }
        assertThat(m.ready()).isFalse();
    }
}
