package io.gridsense.analytics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import io.gridsense.analytics.Box;
import io.gridsense.analytics.rules.RuleSet;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * A live camera's fight analyzer measures flow only where a close group stands; the clip-verdict analyzer also scores
 * a scene with no close group (so every short real clip gets a verdict), and neither lets such a window alarm.
 */
class FightAnalyzerScopeTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** Two people four heights apart: nobody close. */
    private static final List<Box> APART = List.of(new Box(0.1, 0.3, 0.08, 0.4, 1), new Box(0.7, 0.3, 0.08, 0.4, 1));
    /** Two people side by side. */
    private static final List<Box> CLOSE = List.of(new Box(0.4, 0.3, 0.08, 0.4, 1), new Box(0.49, 0.3, 0.08, 0.4, 1));

    @Test
    void liveAnalyzerMeasuresNothingWithoutACloseGroup() {
        try (FightAnalyzer live = analyzer(false)) {
            feed(live, APART, 20);
            assertThat(live.lastTrace()).as("no window scored").isNull();
            assertThat(live.score()).isZero();
        }
    }

    @Test
    void clipVerdictAnalyzerScoresTheSameSceneButNeverAlarmsOnIt() {
        try (FightAnalyzer clip = analyzer(true)) {
            List<?> events = feed(clip, APART, 20);
            assertThat(clip.lastTrace()).as("a window was scored").isNotNull();
            assertThat(clip.lastTrace().gatesOk()).isFalse();
            assertThat(events).isEmpty();
        }
    }

    @Test
    void liveAnalyzerScoresACloseGroup() {
        try (FightAnalyzer live = analyzer(false)) {
            feed(live, CLOSE, 20);
            assertThat(live.lastTrace()).as("the close group's window was scored").isNotNull();
        }
    }

    @Test
    void inBetweenFramesAreWantedOnlyWhileACandidateIsThere() {
        try (FightAnalyzer apart = analyzer(false); FightAnalyzer close = analyzer(false)) {
            feed(apart, APART, 5);
            assertThat(apart.wantsBetweenFrames()).as("nobody close").isFalse();
            feed(close, CLOSE, 5);
            assertThat(close.wantsBetweenFrames()).as("a close group").isTrue();
        }
    }

    private static FightAnalyzer analyzer(boolean scoreUngrouped) {
        return new FightAnalyzer(RuleSet.defaults().fight(), FightClassifier.bundled(), scoreUngrouped);
    }

    /** n frames at 5 fps of fresh noise (chaotic motion everywhere) with the given people in view. */
    private static List<?> feed(FightAnalyzer a, List<Box> people, int n) {
        Random r = new Random(3);
        List<Object> events = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            try (Mat grey = new Mat(180, 320, CV_8UC1)) {
                try (UByteIndexer ix = grey.createIndexer()) {
                    for (int y = 0; y < 180; y++) {
                        for (int x = 0; x < 320; x++) {
                            ix.put(y, x, r.nextInt(256));
                        }
                    }
                }
                events.addAll(a.analyse(new FrameContext(T0.plusMillis(200L * i), 320, 180, 0.3, people, List.of(), grey)));
            }
        }
        return events;
    }
}
