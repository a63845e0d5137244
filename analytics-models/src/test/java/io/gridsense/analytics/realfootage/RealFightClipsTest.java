package io.gridsense.analytics.realfootage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.CameraPipeline;
import io.gridsense.analytics.behavior.FightAnalyzer;
import io.gridsense.analytics.behavior.FightClassifier;
import io.gridsense.analytics.eval.ClipFrames;
import io.gridsense.analytics.eval.ClipResult;
import io.gridsense.analytics.eval.ClipRunner;
import io.gridsense.analytics.eval.Evaluator;
import io.gridsense.analytics.rules.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real surveillance footage (../shared/datasets/surv-fight-dev): the shipped fight model loads, and clip-level
 * scoring runs on real clips of any size, rate and length (down to a second). These clips were part of the model's training data, so this is a
 * smoke and regression check (in-sample), not a measurement: the cross-validated accuracy is in the model card.
 */
class RealFightClipsTest {
    private static final Logger LOG = LoggerFactory.getLogger(RealFightClipsTest.class);
    static final Path DATASET = Path.of(System.getProperty("gridsense.fightDev", "../../shared/datasets/surv-fight-dev"));
    private static final List<String> FIGHTS = List.of("fi001.mp4", "fi015.mp4", "fi026.mp4", "fi065.mp4", "fi110.mp4");
    private static final List<String> CALM = List.of("nofi001.mp4", "nofi016.mp4", "nofi034.mp4", "nofi092.mp4", "nofi137.mp4");

    @Test
    void shippedModelScoresRealClips() throws Exception {
        Path dir = DATASET.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("labels.csv"))) {
            fail("real fight clips not found at " + dir + " (../shared/datasets/surv-fight-dev beside the project, "
                    + "or -Dgridsense.fightDev=DIR)");
        }
        assertThat(FightClassifier.bundled()).as("fight model resource").isPresent();
        ClipRunner runner = new ClipRunner(CameraPipeline::forClipVerdicts, new RuleSet(null, RuleSet.defaults().fight()),
                Evaluator.AGENT_FPS);
        double fightSum = 0;
        double calmSum = 0;
        int right = 0;
        for (String c : existing(dir, FIGHTS)) {
            ClipResult r = runner.run(dir.resolve(c));
            double s = r.maxScore().get(BehaviorType.FIGHT);
            fightSum += s;
            right += s >= 1 ? 1 : 0;
            LOG.info("real clip={} fight=true score={}", c, String.format("%.2f", s));
        }
        for (String c : existing(dir, CALM)) {
            ClipResult r = runner.run(dir.resolve(c));
            double s = r.maxScore().get(BehaviorType.FIGHT);
            calmSum += s;
            right += s < 1 ? 1 : 0;
            LOG.info("real clip={} fight=false score={}", c, String.format("%.2f", s));
        }
        assertThat(fightSum / FIGHTS.size()).as("mean clip score of fights vs calm clips").isGreaterThan(calmSum / CALM.size());
        assertThat(right).as("in-sample clip verdicts right of 10").isGreaterThanOrEqualTo(6);
    }

    @Test
    void aOneSecondClipGetsAScoreToo() throws Exception {
        assertThat(FightAnalyzer.verdictSpan(2.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(FightAnalyzer.verdictSpan(1.6)).isEqualTo(Duration.ofSeconds(1));
        assertThat(FightAnalyzer.verdictSpan(1.0)).isEqualTo(Duration.ofMillis(450));
        assertThat(FightAnalyzer.verdictSpan(0.3)).isEqualTo(Duration.ofMillis(400));
        Path dir = DATASET.toAbsolutePath().normalize();
        existing(dir, List.of("fi149.mp4"));
        Path clip = dir.resolve("fi149.mp4");
        assertThat(ClipFrames.length(clip)).isBetween(0.95, 1.05);
        RuleSet rules = new RuleSet(null, RuleSet.defaults().fight());
        // The usual one-second minimum window never fits: the clip got no score at all and counted as calm.
        ClipRunner usual = new ClipRunner((r, seconds) -> CameraPipeline.forClipVerdicts(r), rules, Evaluator.AGENT_FPS);
        assertThat(usual.run(clip).maxScore().get(BehaviorType.FIGHT)).isZero();
        ClipRunner runner = new ClipRunner(CameraPipeline::forClipVerdicts, rules, Evaluator.AGENT_FPS);
        assertThat(runner.run(clip).maxScore().get(BehaviorType.FIGHT)).isPositive();
    }

    private static List<String> existing(Path dir, List<String> names) {
        for (String n : names) {
            if (!Files.isRegularFile(dir.resolve(n))) {
                fail("missing real clip " + dir.resolve(n));
            }
        }
        return names;
    }
}
