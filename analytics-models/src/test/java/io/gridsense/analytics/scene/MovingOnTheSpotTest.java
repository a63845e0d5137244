package io.gridsense.analytics.scene;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.Box;
import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.motion.MotionGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change between two analysed frames inside a person's box tells people standing in a group (worth a look
 * behind) from fighters, who also stay on one spot but whose limbs change most of their box.
 */
class MovingOnTheSpotTest {
    private static final Logger LOG = LoggerFactory.getLogger(MovingOnTheSpotTest.class);
    private static final double LENGTH = 36;

    /** The changed share of each box at t, measured as the pipeline does: the frame 200 ms before, then t. */
    private static List<Double> changed(SceneRenderer r, MotionGate gate, Mat frame, double t, List<Box> boxes) {
        r.render(t - 0.2, frame);
        gate.update(frame);
        r.render(t, frame);
        gate.update(frame);
        List<Double> out = new ArrayList<>();
        for (Box b : boxes) {
            out.add(gate.changedIn(b));
        }
        return out;
    }

    private static double shareAtLeast(List<Double> values, double level) {
        return values.stream().filter(v -> v >= level).count() / (double) values.size();
    }

    @Test
    void peopleStandingInAGroupChangeLittleOfTheirBoxAndFightersMuch() {
        double level = CameraPipeline.MOVING_ON_THE_SPOT;
        List<Double> standing = new ArrayList<>();
        List<Double> fighting = new ArrayList<>();
        try (MotionGate gate = new MotionGate(); Mat frame = new Mat()) {
            for (long seed = 900; seed < 904; seed++) {
                ScenarioScript.Script gathering = ScenarioScript.build(Scenario.GATHERING, seed, LENGTH);
                ScenarioScript.Interval group = interval(gathering, BehaviorType.GATHERING);
                Look look = Look.random(new Random(seed * 31 + 7), LENGTH, false);
                try (SceneRenderer r = new SceneRenderer(gathering.actors(), look, seed, 640, 360,
                        Duration.ofSeconds((long) LENGTH))) {
                    // from 3 s after the group formed: the last to arrive have stopped walking by then
                    for (double t = group.startS() + 3; t < Math.min(LENGTH, group.endS()); t += 1.3) {
                        standing.addAll(changed(r, gate, frame, t, standingAt(gathering.actors(), t)));
                    }
                }
                ScenarioScript.Script fight = ScenarioScript.build(Scenario.FIGHT, seed, LENGTH);
                ScenarioScript.Interval brawl = interval(fight, BehaviorType.FIGHT);
                try (SceneRenderer r = new SceneRenderer(fight.actors(), look, seed, 640, 360,
                        Duration.ofSeconds((long) LENGTH))) {
                    for (double t = brawl.startS() + 1; t < brawl.endS(); t += 0.7) {
                        // the script's first two actors fight
                        List<Box> fighters = List.of(box(fight.actors().get(0), t), box(fight.actors().get(1), t));
                        fighting.addAll(changed(r, gate, frame, t, fighters));
                    }
                }
            }
        }
        LOG.info("moving on the spot (changed share >= {}): standing in a group {} of {}, fighting {} of {}", level,
                Math.round(shareAtLeast(standing, level) * standing.size()), standing.size(),
                Math.round(shareAtLeast(fighting, level) * fighting.size()), fighting.size());
        assertThat(standing).hasSizeGreaterThan(100);
        assertThat(fighting).hasSizeGreaterThan(40);
        assertThat(shareAtLeast(standing, level)).isLessThan(0.05);
        assertThat(shareAtLeast(fighting, level)).isGreaterThan(0.8);
    }

    /** The boxes of the people in view at t whose box has not moved over the last second (not passers-by). */
    private static List<Box> standingAt(List<Actor> actors, double t) {
        List<Box> out = new ArrayList<>();
        for (Actor a : actors) {
            Box now = box(a, t);
            Box before = box(a, t - 1);
            if (now != null && before != null && now.x() >= 0 && now.x() + now.w() <= 1
                    && Math.hypot(now.centerX() - before.centerX(), now.footY() - before.footY()) < 0.1 * now.h()) {
                out.add(now);
            }
        }
        return out;
    }

    private static Box box(Actor a, double t) {
        Pose p = a.pose(t, 1, 1);
        if (p == null) {
            return null;
        }
        double[] b = Figure.bounds(p);
        return new Box(b[0] / 640, b[1] / 360, b[2] / 640, b[3] / 360, 1);
    }

    private static ScenarioScript.Interval interval(ScenarioScript.Script script, BehaviorType type) {
        return script.truth().stream().filter(i -> i.type() == type).findFirst().orElseThrow();
    }
}
