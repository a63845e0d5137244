package io.gridsense.analytics.scene;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.Box;
import io.gridsense.analytics.people.HogPersonDetector;
import io.gridsense.analytics.people.Nms;
import java.time.Duration;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The rendered people must look like pedestrians to OpenCV's HOG detector, or the demo shows nothing. */
class HogDetectionRateTest {
    private static final Logger LOG = LoggerFactory.getLogger(HogDetectionRateTest.class);

    private static double[] rate(DemoScene scene, long seed) {
        int truth = 0;
        int found = 0;
        int falsePositives = 0;
        try (SceneRenderer r = new SceneRenderer(scene, seed, 640, 360, Duration.ofSeconds(25));
             HogPersonDetector hog = new HogPersonDetector(); Mat frame = new Mat()) {
            for (double t = 0.5; t < 25; t += 1.0) {
                r.render(t, frame);
                List<Box> dets = hog.detect(frame);
                List<Box> people = r.truth(t);
                truth += people.size();
                for (Box p : people) {
                    if (dets.stream().anyMatch(d -> Nms.iou(d, p) > 0.3)) {
                        found++;
                    }
                }
                for (Box d : dets) {
                    if (people.stream().noneMatch(p -> Nms.iou(d, p) > 0.3)) {
                        falsePositives++;
                    }
                }
            }
        }
        double rate = truth == 0 ? 0 : found / (double) truth;
        LOG.info("hog detection rate scene={} seed={} visible={} found={} rate={} falsePositives={}", scene, seed,
                truth, found, String.format("%.2f", rate), falsePositives);
        return new double[] {rate, falsePositives, truth};
    }

    @Test
    void hogFindsMostRenderedPeople() {
        double[] gathering = rate(DemoScene.GATHERING, 3);
        assertThat(gathering[0]).isGreaterThanOrEqualTo(0.6);
        assertThat(gathering[1]).isLessThan(gathering[2] * 0.1);
        double[] walking = rate(DemoScene.WALKING, 4);
        assertThat(walking[0]).isGreaterThanOrEqualTo(0.6);
        assertThat(rate(DemoScene.EMPTY, 5)[1]).isZero();
    }
}
