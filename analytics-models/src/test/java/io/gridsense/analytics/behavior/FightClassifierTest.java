package io.gridsense.analytics.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The shipped model loads with its real-footage expert, each network's plain-Java forward pass equals DL4J's without
 * allocating native memory, and the networks combine as documented: min(expert, general - logit(veto)), weighted by
 * the domain gate's probability that a window looks rendered (the expert's logit for the rest).
 */
class FightClassifierTest {

    @Test
    void javaForwardPassMatchesDl4jAndAllocatesNothingNative() {
        FightClassifier c = FightClassifier.bundled().orElseThrow();
        assertThat(c.expert()).as("the shipped model has a real-footage expert").isPresent();
        assertThat(c.gate()).as("the shipped model has a domain gate").isPresent();
        FightNetwork expert = c.expert().orElseThrow();
        FightNetwork gate = c.gate().orElseThrow();
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
            double byGate = dl4jLogit(gate, v);
            assertThat(gate.logit(v)).isCloseTo(byGate, Offset.offset(1e-4));
            double rendered = 1 / (1 + Math.exp(-byGate));
            double z = rendered * Math.min(byExpert, general - vetoLogit) + (1 - rendered) * byExpert;
            assertThat(c.probability(v)).isCloseTo(1 / (1 + Math.exp(-z)), Offset.offset(1e-5));
        }
        long before = Pointer.totalCount();
        for (int i = 0; i < 100; i++) {
            c.probability(new double[FightFeatures.SIZE]);
        }
        assertThat(Pointer.totalCount() - before).isZero();
    }

    /**
     * Hand-set networks: the general one finds calm where feature 3 is low, the expert a fight where feature 10 is
     * high, the gate "rendered" where feature 0 is high. A window that the expert finds a fight and the general
     * network calm is a fight where it looks real, calm where it looks rendered, halfway where the gate cannot tell;
     * without a gate it is always calm.
     */
    @Test
    void theDomainGateDecidesWhetherTheGeneralNetworksVetoApplies() {
        FightNetwork general = linear(3, 4);
        FightNetwork expert = linear(10, 4);
        FightClassifier gated = new FightClassifier(general, expert, linear(0, 4), 0.5);
        FightClassifier always = new FightClassifier(general, expert, 0.5);
        double[] realLooking = row(-3, -1, 1);
        double[] rendered = row(3, -1, 1);
        double[] unsure = row(0, -1, 1);
        assertThat(gated.probability(realLooking)).isCloseTo(1 / (1 + Math.exp(-4)), Offset.offset(1e-4));
        assertThat(gated.probability(rendered)).isCloseTo(1 / (1 + Math.exp(4)), Offset.offset(1e-4));
        assertThat(gated.probability(unsure)).isCloseTo(0.5, Offset.offset(1e-9));
        assertThat(always.probability(realLooking)).isCloseTo(1 / (1 + Math.exp(4)), Offset.offset(1e-9));
        // Where the general network agrees (feature 3 high), the gate changes nothing.
        assertThat(gated.probability(row(3, 1, 1))).isCloseTo(always.probability(row(3, 1, 1)), Offset.offset(1e-9));
        assertThat(gated.parameters()).isEqualTo(3 * (FightFeatures.SIZE * 2L + 2));
    }

    private static double[] row(double f0, double f3, double f10) {
        double[] v = new double[FightFeatures.SIZE];
        v[0] = f0;
        v[3] = f3;
        v[10] = f10;
        return v;
    }

    /** A logistic regression whose fight logit is {@code weight} times one feature (inputs not rescaled). */
    private static FightNetwork linear(int feature, double weight) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(FightFeatures.SIZE).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        net.getLayer(0).getParam("b").assign(0);
        net.getLayer(0).getParam("W").assign(0).putScalar(feature, 1, weight);
        return new FightNetwork(net, new NormalizerStandardize(Nd4j.zeros(DataType.FLOAT, 1, FightFeatures.SIZE),
                Nd4j.ones(DataType.FLOAT, 1, FightFeatures.SIZE)));
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
