package io.gridsense.analytics.training;

import io.gridsense.analytics.behavior.FightClassifier;
import io.gridsense.analytics.behavior.FightFeatures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Fits the fight MLP (FightFeatures.SIZE → {@link #HIDDEN} tanh → 2 softmax, Adam, L2, class-weighted cross-entropy)
 * on window samples, deterministically for a seed. Real-footage windows are repeated so that they weigh about half as much as all the
 * generated ones together: there are far fewer of them, and they are what the product meets.
 */
public final class FightNetTrainer {
    static final int EPOCHS = 60;

    static final int BATCH = 128;

    /** Hidden layer sizes (tanh). */
    static final int[] HIDDEN = {16, 8};

    /** L2 weight penalty. */
    static final double L2 = 1e-4;

    /** Real windows weigh this share of all generated windows together (by repetition). */
    public static final double REAL_WEIGHT = 0.5;

    private final long seed;
    private final double realWeight;

    public FightNetTrainer(long seed) {
        this(seed, REAL_WEIGHT);
    }

    public FightNetTrainer(long seed, double realWeight) {
        this.seed = seed;
        this.realWeight = realWeight;
    }

    public FightClassifier train(List<WindowSample> samples) {
        List<WindowSample> rows = weighted(samples, realWeight);
        Collections.shuffle(rows, new Random(seed));
        int n = rows.size();
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        long fights = 0;
        for (int i = 0; i < n; i++) {
            x[i] = rows.get(i).x();
            y[i] = rows.get(i).fight() ? new double[] {0, 1} : new double[] {1, 0};
            fights += rows.get(i).fight() ? 1 : 0;
        }
        INDArray features = Nd4j.create(x).castTo(DataType.FLOAT);
        INDArray labels = Nd4j.create(y).castTo(DataType.FLOAT);
        DataSet all = new DataSet(features, labels);
        NormalizerStandardize norm = new NormalizerStandardize();
        norm.fit(all);
        norm.transform(all);
        // Balance the classes in the loss rather than by resampling: fights are the minority of generated windows.
        double w1 = fights == 0 ? 1 : (n - fights) / (double) fights;
        Nd4j.getRandom().setSeed(seed);
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.005))
                .l2(L2)
                .list();
        int in = FightFeatures.SIZE;
        for (int h : HIDDEN) {
            layers.layer(new DenseLayer.Builder().nIn(in).nOut(h).activation(Activation.TANH).build());
            in = h;
        }
        MultiLayerConfiguration conf = layers
                .layer(new OutputLayer.Builder(new LossMCXENT(Nd4j.create(new double[] {1, Math.min(8, w1)})))
                        .nIn(in).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        List<DataSet> batches = all.batchBy(BATCH);
        for (int e = 0; e < EPOCHS; e++) {
            for (DataSet b : batches) {
                net.fit(b);
            }
        }
        return new FightClassifier(net, norm);
    }

    /** The architecture and settings in words, for the model card. */
    static String describe() {
        StringBuilder b = new StringBuilder().append(FightFeatures.SIZE);
        for (int h : HIDDEN) {
            b.append(" → ").append(h).append(" tanh");
        }
        return b.append(" → 2 softmax; ").append(EPOCHS).append(" epochs, batch ").append(BATCH)
                .append(", Adam 0.005, L2 ").append(L2).append(", class-weighted cross-entropy").toString();
    }

    /** Repeats the real windows (whole copies, deterministic) so they weigh about realWeight of the generated ones. */
    static List<WindowSample> weighted(List<WindowSample> samples, double realWeight) {
        long real = samples.stream().filter(WindowSample::real).count();
        long gen = samples.size() - real;
        int repeat = real == 0 ? 1 : (int) Math.max(1, Math.round(realWeight * gen / real));
        List<WindowSample> out = new ArrayList<>();
        for (WindowSample s : samples) {
            for (int i = 0; i < (s.real() ? repeat : 1); i++) {
                out.add(s);
            }
        }
        return out;
    }
}
