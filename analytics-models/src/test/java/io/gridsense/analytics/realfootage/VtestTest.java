package io.gridsense.analytics.realfootage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.FrameAnalysis;
import io.gridsense.analytics.rules.RuleSet;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real footage, OpenCV's pedestrian clip {@code vtest.avi} (Debian package {@code opencv-doc}): people walk about
 * in ones and twos, so the default rules must raise nothing; the people count on ten hand-counted frames is
 * compared with the hand count (±30%).
 */
class VtestTest {
    private static final Logger LOG = LoggerFactory.getLogger(VtestTest.class);
    static final Path VTEST = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");

    @Test
    void noAlertsAndPeopleCountsNearTheHandCount() throws Exception {
        if (!Files.isRegularFile(VTEST)) {
            fail(VTEST + " is missing: install the Debian package opencv-doc (apt-get install -y opencv-doc)");
        }
        Map<Integer, Integer> hand = handCounts();
        Map<Integer, Integer> counted = new LinkedHashMap<>();
        List<BehaviorEvent> events = new ArrayList<>();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(VTEST.toFile());
             OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat();
             CameraPipeline p = CameraPipeline.withDefaults(RuleSet.defaults())) {
            g.start();
            Frame f;
            int n = 0;
            while ((f = g.grabImage()) != null) {
                // 10 fps file, every second frame: the agent's ~5 fps.
                if (n % 2 == 0) {
                    FrameAnalysis a = p.analyse(conv.convert(f), t0.plusMillis(n * 100L));
                    events.addAll(a.events());
                    if (hand.containsKey(n)) {
                        counted.put(n, a.people().size());
                    }
                }
                n++;
            }
            g.stop();
        }
        LOG.info("vtest counts hand={} counted={} events={}", hand, counted, events.size());
        assertThat(events).as("alerts on vtest.avi with default rules").isEmpty();
        assertThat(counted.keySet()).containsExactlyElementsOf(hand.keySet());
        // Measured: 9 of the 10 frames within ±30% since the region looks and the hidden-person memory (8 with the
        // Kalman + Hungarian tracker, 7 with the greedy one before 2026-11-25); HOG merges people walking side by
        // side and misses the smallest figures, and one bollard is a person on some frames (frame 400: 4 for 3).
        // The test holds that line and the total; the per-frame goal (10 of 10) is not reached yet.
        List<Integer> within = new ArrayList<>();
        int handTotal = 0;
        int total = 0;
        for (Map.Entry<Integer, Integer> e : hand.entrySet()) {
            int got = counted.get(e.getKey());
            handTotal += e.getValue();
            total += got;
            if (got >= e.getValue() * 0.7 && got <= e.getValue() * 1.3) {
                within.add(e.getKey());
            }
        }
        assertThat(within).as("frames counted within ±30%% of the hand count (hand %s, counted %s)", hand, counted)
                .hasSizeGreaterThanOrEqualTo(9);
        assertThat((double) total).as("people over the ten frames (hand %d)", handTotal)
                .isBetween(handTotal * 0.7, handTotal * 1.3);
    }

    static Map<Integer, Integer> handCounts() throws Exception {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                VtestTest.class.getResourceAsStream("vtest-people.csv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("frame") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                out.put(Integer.parseInt(f[0]), Integer.parseInt(f[1]));
            }
        }
        return out;
    }
}
