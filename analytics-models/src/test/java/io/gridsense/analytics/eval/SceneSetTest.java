package io.gridsense.analytics.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.scene.Scenario;
import io.gridsense.analytics.scene.SceneSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator writes playable clips and labels.csv in the documented format; a short set keeps it quick. */
class SceneSetTest {

    @Test
    void writesClipsAndLabels(@TempDir Path dir) throws Exception {
        List<Label> labels = SceneSet.generate(dir, 2, 5, new SceneSet.Format(320, 180, 5, Duration.ofSeconds(20)), null);
        assertThat(Evaluator.clips(dir)).hasSize(2);
        List<String> lines = Files.readAllLines(dir.resolve("labels.csv"));
        assertThat(lines.get(0)).isEqualTo("clip,type,start_s,end_s");
        // Clip 0 of every set is a fight, clip 1 a gathering.
        assertThat(labels).extracting(Label::type).contains(BehaviorType.FIGHT);
        assertThat(LabelsCsv.read(dir.resolve("labels.csv"))).isEqualTo(labels.stream()
                .map(l -> new Label(l.clip(), l.type(), Math.round(l.startS() * 10) / 10.0, Math.round(l.endS() * 10) / 10.0))
                .toList());
        int[] frames = {0};
        double len = ClipFrames.play(Evaluator.clips(dir).get(0), 2, (m, t) -> frames[0]++);
        assertThat(len).isBetween(19.0, 20.0);
        assertThat(frames[0]).isBetween(38, 41);
        assertThat(Files.readAllLines(dir.resolve("clips.csv"))).hasSize(3);
    }

    @Test
    void oneScenarioOnly(@TempDir Path dir) throws Exception {
        List<Label> labels = SceneSet.generate(dir, 2, 5, new SceneSet.Format(320, 180, 5, Duration.ofSeconds(20)),
                Scenario.DISPERSING, null);
        assertThat(Evaluator.clips(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("s5-000-dispersing.mp4", "s5-001-dispersing.mp4");
        // A dispersal: the group stands there from the first frame.
        assertThat(labels).hasSize(2).allSatisfy(l -> {
            assertThat(l.type()).isEqualTo(BehaviorType.GATHERING);
            assertThat(l.startS()).isZero();
        });
    }
}
