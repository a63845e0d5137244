package io.gridsense.analytics.scene;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.Box;
import io.gridsense.analytics.people.HogPersonDetector;
import io.gridsense.analytics.people.Nms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The look behind a group finds some of the people the whole-frame look misses because someone stands in front of
 * them, and few people who are not there.
 */
class HiddenPeopleSceneTest {
    private static final Logger LOG = LoggerFactory.getLogger(HiddenPeopleSceneTest.class);

    /** Truth and detections paired one to one, best overlap first (at least 0.3 IoU). */
    private static List<Box[]> matches(List<Box> truth, List<Box> found) {
        List<Box[]> pairs = new ArrayList<>();
        for (Box t : truth) {
            for (Box f : found) {
                if (Nms.iou(t, f) > 0.3) {
                    pairs.add(new Box[] {t, f});
                }
            }
        }
        pairs.sort((a, b) -> Double.compare(Nms.iou(b[0], b[1]), Nms.iou(a[0], a[1])));
        List<Box[]> out = new ArrayList<>();
        for (Box[] p : pairs) {
            if (out.stream().noneMatch(o -> o[0] == p[0] || o[1] == p[1])) {
                out.add(p);
            }
        }
        return out;
    }

    @Test
    void theLookBehindAGroupFindsHiddenPeopleAndFewWhoAreNotThere() {
        int hidden = 0;
        int found = 0;
        int wrong = 0;
        try (HogPersonDetector hog = new HogPersonDetector(); Mat frame = new Mat()) {
            for (long seed = 900; seed < 906; seed++) {
                ScenarioScript.Script script = ScenarioScript.build(Scenario.GATHERING, seed, 30);
                ScenarioScript.Interval group = script.truth().stream()
                        .filter(i -> i.type() == BehaviorType.GATHERING).findFirst().orElseThrow();
                Look look = Look.random(new Random(seed * 31 + 7), 30, false);
                try (SceneRenderer r = new SceneRenderer(script.actors(), look, seed, 640, 360, Duration.ofSeconds(30))) {
                    for (double t = group.startS() + 0.5; t < Math.min(30, group.endS()); t += 2) {
                        r.render(t, frame);
                        List<Box> truth = r.truth(t);
                        List<Box> seen = hog.detect(frame);
                        List<Box> missed = new ArrayList<>(truth);
                        List<Box> standing = new ArrayList<>();
                        for (Box[] pair : matches(truth, seen)) {
                            missed.remove(pair[0]);
                            standing.add(pair[1]);
                        }
                        hidden += missed.size();
                        List<Box> behind = hog.detectBehind(frame, standing, seen);
                        int right = matches(missed, behind).size();
                        found += right;
                        wrong += behind.size() - right;
                    }
                }
            }
        }
        LOG.info("look behind hidden={} found={} wrong={}", hidden, found, wrong);
        assertThat(hidden).isGreaterThan(20);
        assertThat(found).isGreaterThanOrEqualTo((int) Math.ceil(0.2 * hidden));
        assertThat(wrong).isLessThanOrEqualTo(Math.max(1, found / 5));
    }
}
