package io.gridsense.analytics.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.Box;
import io.gridsense.analytics.Point;
import io.gridsense.analytics.rules.GatheringRule;
import io.gridsense.analytics.tracking.Tracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gathering rule's counting, clustering, region and timing on synthetic people boxes. */
class GatheringAnalyzerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final GatheringRule RULE =
            new GatheringRule("g", List.of(), 4, Duration.ofSeconds(10), Duration.ofSeconds(60), 0.5);

    private static Box person(double cx, double foot) {
        return new Box(cx - 0.035, foot - 0.4, 0.07, 0.4, 0.9);
    }

    private static List<Box> group(int n) {
        List<Box> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Two loose rows, as a group stands (one straight row would be a queue, see QueueShape).
            out.add(person(0.3 + 0.06 * i, 0.8 + 0.08 * (i % 2)));
        }
        return out;
    }

    private static List<BehaviorEvent> run(GatheringAnalyzer a, double from, double to, List<Box> people) {
        List<BehaviorEvent> events = new ArrayList<>();
        for (double s = from; s < to; s += 0.2) {
            events.addAll(a.analyse(new FrameContext(T0.plusMillis(Math.round(s * 1000)), 640, 360, 0.01, people,
                    List.of(), null)));
        }
        return events;
    }

    @Test
    void raisesOneEventAfterMinDurationThenRespectsRepeatInterval() {
        GatheringAnalyzer a = new GatheringAnalyzer(RULE);
        assertThat(run(a, 0, 9.9, group(5))).isEmpty();
        List<BehaviorEvent> events = run(a, 9.9, 30, group(5));
        assertThat(events).hasSize(1);
        BehaviorEvent e = events.get(0);
        assertThat(e.type()).isEqualTo(BehaviorType.GATHERING);
        assertThat(e.startedAt()).isEqualTo(T0);
        assertThat(e.peopleCount()).isEqualTo(5);
        assertThat(e.confidence()).isBetween(0.0, 1.0);
        assertThat(e.region()).hasSize(4);
        assertThat(e.region().get(0).x()).isBetween(0.2, 0.3);
        assertThat(run(a, 30, 75, group(5))).hasSize(1);
    }

    @Test
    void tooFewPeopleOrScatteredPeopleDoNotGather() {
        GatheringAnalyzer a = new GatheringAnalyzer(RULE);
        assertThat(run(a, 0, 20, group(3))).isEmpty();
        // Four people in the four corners: far apart, not a group.
        List<Box> scattered = List.of(person(0.05, 0.45), person(0.95, 0.45), person(0.05, 0.99), person(0.95, 0.99));
        GatheringAnalyzer b = new GatheringAnalyzer(RULE);
        assertThat(run(b, 0, 20, scattered)).isEmpty();
    }

    @Test
    void peopleOutsideTheRegionDoNotCount() {
        List<Point> rightHalf = List.of(new Point(0.5, 0), new Point(1, 0), new Point(1, 1), new Point(0.5, 1));
        GatheringAnalyzer a = new GatheringAnalyzer(
                new GatheringRule("g", rightHalf, 4, Duration.ofSeconds(5), Duration.ofSeconds(60), 0.5));
        assertThat(run(a, 0, 20, group(5))).isEmpty();
    }

    @Test
    void trackerBridgesMissedDetectionsSoTheTimerKeepsRunning() {
        Tracker tracker = new Tracker();
        GatheringAnalyzer a = new GatheringAnalyzer(
                new GatheringRule("g", List.of(), 4, Duration.ofSeconds(6), Duration.ofSeconds(60), 0.5));
        List<BehaviorEvent> events = new ArrayList<>();
        int frame = 0;
        for (double s = 0; s < 8; s += 0.2, frame++) {
            Instant at = T0.plusMillis(Math.round(s * 1000));
            // Every third frame the detector finds only two of the five people.
            tracker.update(frame % 3 == 2 ? group(5).subList(0, 2) : group(5), at);
            events.addAll(a.analyse(new FrameContext(at, 640, 360, 0.01, tracker.currentBoxes(), List.of(), null)));
        }
        assertThat(events).hasSize(1);
        assertThat(events.get(0).startedAt()).isBefore(T0.plusSeconds(1));
    }

    @Test
    void anOrderlyQueueIsNotAGathering() {
        List<Box> line = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            line.add(person(0.25 + 0.07 * i, 0.8 + 0.005 * (i % 2)));
        }
        assertThat(run(new GatheringAnalyzer(RULE), 0, 30, line)).isEmpty();
    }

    @Test
    void anUpperBodyBehindAQueueDoesNotMakeItACluster() {
        // Five queuers in a row; the detector misses the third (a post hides them) and boxes their upper body: a small
        // box whose bottom, at their waist, seems to stand behind the row.
        List<Box> line = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            if (i != 2) {
                line.add(person(0.25 + 0.07 * i, 0.8));
            }
        }
        assertThat(run(new GatheringAnalyzer(RULE), 0, 30, line)).isEmpty();
        List<Box> withPart = new ArrayList<>(line);
        withPart.add(new Box(0.39 - 0.03, 0.44, 0.06, 0.18, 0.9));
        assertThat(run(new GatheringAnalyzer(RULE), 0, 30, withPart)).isEmpty();
        // The same box a little taller and with its head above the queuers' is someone standing behind them.
        List<Box> withSomeone = new ArrayList<>(line);
        withSomeone.add(new Box(0.39 - 0.03, 0.32, 0.06, 0.3, 0.9));
        assertThat(run(new GatheringAnalyzer(RULE), 0, 30, withSomeone)).hasSize(1);
    }

    @Test
    void anUpperBodyInAGroupIsStillAMember() {
        List<Box> people = new ArrayList<>(group(3));
        people.add(new Box(0.48 - 0.03, 0.42, 0.06, 0.18, 0.9));
        List<BehaviorEvent> events = run(new GatheringAnalyzer(RULE), 0, 30, people);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).peopleCount()).isEqualTo(4);
    }
}
