package io.gridsense.analytics.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.Box;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueShapeTest {

    private static Box person(double cx, double footY, double h) {
        return new Box(cx - 0.16 * h, footY - h, 0.32 * h, h, 0.9);
    }

    @Test
    void aLineOfPeopleIsAQueue() {
        List<Box> line = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            line.add(person(0.3 + i * 0.1, 0.8 + (i % 2) * 0.004, 0.4));
        }
        assertThat(QueueShape.isQueue(line, 640, 360)).isTrue();
    }

    @Test
    void aClusterIsNotAQueue() {
        List<Box> group = List.of(person(0.40, 0.75, 0.38), person(0.52, 0.74, 0.38), person(0.46, 0.84, 0.42),
                person(0.58, 0.83, 0.42), person(0.35, 0.82, 0.41));
        assertThat(QueueShape.isQueue(group, 640, 360)).isFalse();
        assertThat(QueueShape.isQueue(group.subList(0, 3), 640, 360)).isFalse();
    }

    @Test
    void aQueueOfSixWithOnePersonOffTheLineIsStillAQueueButTwoOffMakeACluster() {
        List<Box> line = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            line.add(person(0.3 + i * 0.1, 0.8 + (i % 2) * 0.004, 0.4));
        }
        line.add(person(0.4, 0.7, 0.37));
        assertThat(QueueShape.isQueue(line, 640, 360)).isTrue();
        assertThat(QueueShape.isQueue(List.of(line.get(0), line.get(1), line.get(2), line.get(3), line.get(5)), 640,
                360)).as("five: four on a line are not enough").isFalse();
        line.add(person(0.6, 0.9, 0.44));
        assertThat(QueueShape.isQueue(line, 640, 360)).isFalse();
        assertThat(QueueShape.isQueue(line.subList(3, 7), 640, 360)).as("four: no one is left out").isFalse();
    }
}
