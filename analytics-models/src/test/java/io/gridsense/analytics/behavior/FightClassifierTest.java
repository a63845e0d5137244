package io.gridsense.analytics.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The shipped model loads, and the plain-Java forward pass equals DL4J's without allocating native memory. */
class FightClassifierTest {

    @Test
    void javaForwardPassMatchesDl4jAndAllocatesNothingNative() {
        FightClassifier c = FightClassifier.bundled().orElseThrow();
        Random rnd = new Random(1);
        for (int i = 0; i < 20; i++) {
            double[] v = new double[FightFeatures.SIZE];
            for (int j = 0; j < v.length; j++) {
                v[j] = rnd.nextGaussian() * 0.5 + 0.5;
            }
            try (INDArray x = Nd4j.create(new double[][] {v}).castTo(DataType.FLOAT)) {
                c.normalizer().transform(x);
                double dl4j = c.network().output(x, false).getDouble(0, 1);
                assertThat(c.probability(v)).isCloseTo(dl4j, Offset.offset(1e-5));
            }
        }
        long before = Pointer.totalCount();
        for (int i = 0; i < 100; i++) {
            c.probability(new double[FightFeatures.SIZE]);
        }
        assertThat(Pointer.totalCount() - before).isZero();
    }
}
