package io.gridsense.analytics.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shipped model loads with its real-footage expert, each network's plain-Java forward pass equals DL4J's without
 * allocating native memory, and the two combine as documented: min(expert, general - logit(veto)).
 */
class FightClassifierTest {

    @Test
    void javaForwardPassMatchesDl4jAndAllocatesNothingNative() {
        FightClassifier c = FightClassifier.bundled().orElseThrow();
        assertThat(c.expert()).as("the shipped model has a real-footage expert").isPresent();
        FightNetwork expert = c.expert().orElseThrow();
        double vetoLogit = Math.log(c.veto() / (1 - c.veto()));
        Random rnd = new Random(1);
        for (int i = 0; i < 20; i++) {
            double[] v = new double[FightFeatures.SIZE];
            for (int j = 0; j < v.length; j++) {
                v[j] = rnd.nextGaussian() * 0.5 + 0.5;
            }
            double general = dl4jLogit(c.general(), v);
            assertThat(c.general().logit(v)).isCloseTo(general, Offset.offset(1e-4));
            double byExpert = dl4jLogit(expert, v);
            assertThat(expert.logit(v)).isCloseTo(byExpert, Offset.offset(1e-4));
            double z = Math.min(byExpert, general - vetoLogit);
            assertThat(c.probability(v)).isCloseTo(1 / (1 + Math.exp(-z)), Offset.offset(1e-5));
        }
        long before = Pointer.totalCount();
        for (int i = 0; i < 100; i++) {
            c.probability(new double[FightFeatures.SIZE]);
        }
        assertThat(Pointer.totalCount() - before).isZero();
    }

    private static double dl4jLogit(FightNetwork n, double[] v) {
        try (INDArray x = Nd4j.create(new double[][] {v}).castTo(DataType.FLOAT)) {
            n.normalizer().transform(x);
            INDArray out = n.network().output(x, false);
            double p = out.getDouble(0, 1);
            return Math.log(p / out.getDouble(0, 0));
        }
    }
}
