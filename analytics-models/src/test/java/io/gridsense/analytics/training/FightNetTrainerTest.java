package io.gridsense.analytics.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.analytics.behavior.FightClassifier;
import io.gridsense.analytics.behavior.FightFeatures;
import io.gridsense.analytics.behavior.FightNetwork;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training is reproducible for a seed, and merging several networks gives one network whose fight probability is the
 * softmax of the members' mean logit (what {@code --members} promises), not any one member's.
 */
class FightNetTrainerTest {

    /** Windows whose label follows two features, with label noise so the nets do not all saturate alike. */
    private static List<WindowSample> samples(int n, long seed) {
        Random r = new Random(seed);
        List<WindowSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[FightFeatures.SIZE];
            for (int j = 0; j < x.length; j++) {
                x[j] = r.nextGaussian();
            }
            boolean fight = x[3] + 0.5 * x[10] + 0.8 * r.nextGaussian() > 0.3;
            out.add(new WindowSample(x, fight, "c" + i, "g" + i % 7, i % 3 == 0, 0));
        }
        return out;
    }

    /**
     * 900 windows, every third real: real ones are fights where feature 10 is high, generated ones where feature 3 is;
     * generated ones shifted by {@code generatedShift} on feature 0 (0: the domains overlap fully).
     */
    private static List<WindowSample> twoRules(long seed, double generatedShift) {
        Random r = new Random(seed);
        List<WindowSample> out = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            double[] x = new double[FightFeatures.SIZE];
            for (int j = 0; j < x.length; j++) {
                x[j] = r.nextGaussian();
            }
            boolean real = i % 3 == 0;
            if (!real) {
                x[0] += generatedShift;
            }
            out.add(new WindowSample(x, real ? x[10] > 0 : x[3] > 0, "c" + i, "g" + i % 7, real, 0));
        }
        return out;
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    @Test
    void sameSeedSameModel() {
        List<WindowSample> data = samples(240, 1);
        double[][] probe = samples(20, 2).stream().map(WindowSample::x).toArray(double[][]::new);
        assertThat(new FightNetTrainer(7).train(data).probabilities(probe))
                .containsExactly(new FightNetTrainer(7).train(data).probabilities(probe));
    }

    @Test
    void mergedNetworkAveragesTheMembersLogits() {
        List<WindowSample> data = samples(240, 1);
        double[][] probe = samples(20, 3).stream().map(WindowSample::x).toArray(double[][]::new);
        int[] mlp = FightNetTrainer.HIDDEN;
        FightClassifier merged = new FightNetTrainer(11, FightNetTrainer.REAL_WEIGHT, 3, mlp, true, FightNetTrainer.L2).train(data);
        List<double[]> members = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            members.add(new FightNetTrainer(11 + m, FightNetTrainer.REAL_WEIGHT, 1, mlp, true, FightNetTrainer.L2).train(data)
                    .probabilities(probe));
        }
        double[] p = merged.probabilities(probe);
        double largestGap = 0;
        for (int i = 0; i < probe.length; i++) {
            double z = 0;
            for (double[] mp : members) {
                z += logit(mp[i]) / members.size();
                largestGap = Math.max(largestGap, Math.abs(mp[i] - members.get(0)[i]));
            }
            assertThat(p[i]).as("row %d", i).isCloseTo(1 / (1 + Math.exp(-z)), Offset.offset(1e-4));
        }
        assertThat(largestGap).as("the members differ, so the test can tell a merge from a copy").isGreaterThan(0.01);
        // Side by side: 3 x 16 and 3 x 8 hidden units, the block-diagonal zeros included.
        int h1 = 3 * mlp[0];
        int h2 = 3 * mlp[1];
        assertThat(merged.network().numParams()).isEqualTo((long) FightFeatures.SIZE * h1 + h1 + h1 * h2 + h2 + h2 * 2 + 2);
    }

    @Test
    void withoutHiddenLayersItIsALogisticRegressionThatLearnsTheRuleAndMergesByAveraging() {
        List<WindowSample> data = samples(400, 1);
        List<WindowSample> held = samples(200, 4);
        double[][] probe = held.stream().map(WindowSample::x).toArray(double[][]::new);
        int[] none = new int[0];
        double w = FightNetTrainer.REAL_WEIGHT;
        FightClassifier linear = new FightNetTrainer(7, w, 1, none, false, FightNetTrainer.L2).train(data);
        assertThat(linear.network().numParams()).isEqualTo(FightFeatures.SIZE * 2L + 2);
        double[] p = linear.probabilities(probe);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += (p[i] >= 0.5) == held.get(i).fight() ? 1 : 0;
        }
        // The label is a linear rule plus noise (about 80 % can be called right), so a linear model must get there.
        assertThat(right / (double) p.length).isGreaterThan(0.72);
        FightClassifier merged = new FightNetTrainer(11, w, 2, none, false, FightNetTrainer.L2).train(data);
        double[] a = new FightNetTrainer(11, w, 1, none, false, FightNetTrainer.L2).train(data).probabilities(probe);
        double[] b = new FightNetTrainer(12, w, 1, none, false, FightNetTrainer.L2).train(data).probabilities(probe);
        double[] m = merged.probabilities(probe);
        double largestGap = 0;
        for (int i = 0; i < probe.length; i++) {
            double z = (logit(a[i]) + logit(b[i])) / 2;
            assertThat(m[i]).as("row %d", i).isCloseTo(1 / (1 + Math.exp(-z)), Offset.offset(1e-4));
            largestGap = Math.max(largestGap, Math.abs(a[i] - b[i]));
        }
        assertThat(largestGap).as("the members differ, so the test can tell a merge from a copy").isGreaterThan(0.01);
    }

    /**
     * Generated windows follow one rule, real ones another (what the general network cannot serve at once): the
     * expert learns the real rule, the general network vetoes where it is sure, and the model survives a write and a
     * load unchanged.
     */
    @Test
    void aRealFootageExpertDecidesUnlessTheGeneralNetworkVetoesAndSurvivesAWriteAndALoad(@TempDir Path dir)
            throws Exception {
        List<WindowSample> all = twoRules(5, 0);
        List<WindowSample> data = new ArrayList<>();
        List<WindowSample> realHeld = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i >= 600 && all.get(i).real() ? realHeld : data).add(all.get(i));
        }
        FightNetTrainer.RealExpert e = new FightNetTrainer.RealExpert(0.03, 0.1, false);
        FightClassifier m = new FightNetTrainer(7, FightNetTrainer.REAL_WEIGHT, 1, FightNetTrainer.HIDDEN, true,
                FightNetTrainer.L2, e).train(data);
        assertThat(m.expert()).isPresent();
        assertThat(m.gate()).as("--no-domain-gate").isEmpty();
        assertThat(m.veto()).isEqualTo(0.1);
        double[][] probe = realHeld.stream().map(WindowSample::x).toArray(double[][]::new);
        double[] p = m.probabilities(probe);
        FightNetwork expert = m.expert().orElseThrow();
        int right = 0;
        int vetoed = 0;
        for (int i = 0; i < probe.length; i++) {
            double general = m.general().logit(probe[i]);
            double z = Math.min(expert.logit(probe[i]), general - logit(0.1));
            assertThat(p[i]).as("row %d", i).isCloseTo(1 / (1 + Math.exp(-z)), Offset.offset(1e-9));
            if (general < logit(0.1)) {
                vetoed++;
                assertThat(p[i]).as("vetoed row %d", i).isLessThan(0.5);
            }
            right += (p[i] >= 0.5) == realHeld.get(i).fight() ? 1 : 0;
        }
        assertThat(vetoed).as("the general network vetoes some rows, so the test sees the veto work").isPositive();
        FightClassifier alone = new FightNetTrainer(7, FightNetTrainer.REAL_WEIGHT, 1, FightNetTrainer.HIDDEN, true,
                FightNetTrainer.L2).train(data);
        assertThat(alone.expert()).isEmpty();
        int rightAlone = 0;
        double[] pa = alone.probabilities(probe);
        for (int i = 0; i < probe.length; i++) {
            rightAlone += (pa[i] >= 0.5) == realHeld.get(i).fight() ? 1 : 0;
        }
        assertThat(right).as("on real rows the expert beats the general network alone").isGreaterThan(rightAlone);

        // At veto 0.5 (the shipped setting) the model's probability is the lower of the two networks'.
        FightClassifier both = new FightNetTrainer(7, FightNetTrainer.REAL_WEIGHT, 1, FightNetTrainer.HIDDEN, true,
                FightNetTrainer.L2, new FightNetTrainer.RealExpert(0.03, 0.5, false)).train(data);
        double[] pb = both.probabilities(probe);
        for (int i = 0; i < probe.length; i++) {
            double pg = 1 / (1 + Math.exp(-both.general().logit(probe[i])));
            double pe = 1 / (1 + Math.exp(-both.expert().orElseThrow().logit(probe[i])));
            assertThat(pb[i]).as("row %d", i).isCloseTo(Math.min(pg, pe), Offset.offset(1e-9));
        }

        Path zip = dir.resolve("model.zip");
        m.write(zip);
        FightClassifier back;
        try (InputStream in = Files.newInputStream(zip)) {
            back = FightClassifier.load(in);
        }
        assertThat(back.veto()).isEqualTo(0.1);
        assertThat(back.probabilities(probe)).containsExactly(p, Offset.offset(1e-12));
        alone.write(zip);
        try (InputStream in = Files.newInputStream(zip)) {
            assertThat(FightClassifier.load(in).expert()).isEmpty();
        }
    }

    /**
     * Generated windows sit apart from real ones (shifted on one feature) and follow another rule. The domain gate
     * learns which rows look generated, the three networks combine as documented, and the gate survives a write and
     * a load (FightClassifierTest shows on hand-set networks what the gate changes).
     */
    @Test
    void aDomainGateIsTrainedToTellGeneratedWindowsFromRealOnes(@TempDir Path dir)
            throws Exception {
        List<WindowSample> all = twoRules(9, 4);
        List<WindowSample> data = all.subList(0, 600);
        List<WindowSample> held = all.subList(600, all.size());
        FightNetTrainer.RealExpert gated = new FightNetTrainer.RealExpert(0.03, 0.5, true);
        FightClassifier m = new FightNetTrainer(7, FightNetTrainer.REAL_WEIGHT, 1, FightNetTrainer.HIDDEN, true,
                FightNetTrainer.L2, gated).train(data);
        assertThat(m.gate()).isPresent();
        FightNetwork gate = m.gate().orElseThrow();
        FightNetwork expert = m.expert().orElseThrow();
        double[][] probe = held.stream().map(WindowSample::x).toArray(double[][]::new);
        double[] p = m.probabilities(probe);
        int told = 0;
        for (int i = 0; i < probe.length; i++) {
            WindowSample s = held.get(i);
            double g = 1 / (1 + Math.exp(-gate.logit(probe[i])));
            double e = expert.logit(probe[i]);
            double z = g * Math.min(e, m.general().logit(probe[i])) + (1 - g) * e;
            assertThat(p[i]).as("row %d", i).isCloseTo(1 / (1 + Math.exp(-z)), Offset.offset(1e-9));
            told += (g > 0.5) != s.real() ? 1 : 0;
        }
        // The domains overlap a little (4 standard deviations apart on one feature of 23).
        assertThat(told / (double) probe.length).as("the gate tells the domains apart").isGreaterThan(0.95);

        Path zip = dir.resolve("gated.zip");
        m.write(zip);
        try (InputStream in = Files.newInputStream(zip)) {
            FightClassifier back = FightClassifier.load(in);
            assertThat(back.gate()).isPresent();
            assertThat(back.probabilities(probe)).containsExactly(p, Offset.offset(1e-12));
        }
    }
}
