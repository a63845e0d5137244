package io.gridsense.analytics.training;

import io.gridsense.analytics.behavior.FightClassifier;
import io.gridsense.analytics.behavior.FightFeatures;
import io.gridsense.analytics.behavior.FightNetwork;
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
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Fits the fight classifier on window samples, deterministically for a seed: by default an MLP (FightFeatures.SIZE
 * → {@link #HIDDEN} tanh → 2 softmax, Adam, L2, class-weighted cross-entropy); with no hidden layers, a logistic
 * regression; the class weights can be left out. Real-footage windows are repeated so that they weigh about half as much as all the
 * generated ones together: there are far fewer of them, and they are what the product meets. By default a
 * real-footage expert (a logistic regression on the real windows alone) and a domain gate (a logistic regression
 * telling generated windows from real ones) are trained beside it; {@link FightClassifier} combines the three.
 */
public final class FightNetTrainer {
    static final int EPOCHS = 60;

    static final int BATCH = 128;

    /** Hidden layer sizes (tanh) by default. */
    static final int[] HIDDEN = {16, 8};

    /** L2 weight penalty by default. */
    public static final double L2 = 5e-3;

    /** Real windows weigh this share of all generated windows together (by repetition). */
    public static final double REAL_WEIGHT = 0.5;

    /**
     * The real-footage expert by default: a logistic regression with this L2; veto 0.5, so where a window looks
     * rendered its probability is the lower of the expert's and the general network's (veto 0.2 raised a false fight
     * on children playing in generated seed 1011; docs/detection.md); with the domain gate, so that the expert
     * decides windows that look real.
     */
    public static final RealExpert EXPERT = new RealExpert(0.03, 0.5, true);

    /**
     * A logistic regression trained on the real windows alone, its logit capped at the general network's minus
     * logit({@code veto}); with {@code domainGate}, that cap weighs as much as a window looks rendered, by a logistic
     * regression trained to tell generated windows from real ones (see {@link FightClassifier}).
     */
    public record RealExpert(double l2, double veto, boolean domainGate) {
        public RealExpert {
            if (!(veto > 0 && veto < 1)) {
                throw new IllegalArgumentException("veto must be within (0, 1), got " + veto);
            }
        }
    }

    private final long seed;
    private final double realWeight;
    private final int members;
    private final int[] hidden;
    private final boolean balanced;
    private final double l2;
    private final RealExpert expert;

    public FightNetTrainer(long seed) {
        this(seed, REAL_WEIGHT, 1);
    }

    public FightNetTrainer(long seed, double realWeight, int members) {
        this(seed, realWeight, members, HIDDEN, true, L2);
    }

    /** A general network only (no real-footage expert). */
    public FightNetTrainer(long seed, double realWeight, int members, int[] hidden, boolean balanced, double l2) {
        this(seed, realWeight, members, hidden, balanced, l2, null);
    }

    /**
     * With {@code members} above 1, that many networks are trained with consecutive seeds and merged into one (their
     * logits averaged): with a few hundred real windows from 15 sources one small net's verdicts depend on its seed,
     * and comparing settings by one seed's cross-validation compares seeds as much as settings. {@code hidden}: the
     * tanh layer sizes (none: a logistic regression). With {@code balanced}, the fight class weighs as much in the
     * loss as the calm one (capped at 8 times a window); without, every window counts once, and the real windows'
     * own balance (about half fights) shows through. {@code l2}: the weight penalty (per mini-batch's mean loss).
     * With an {@code expert} (null: none), a real-footage expert is trained beside the general network(s).
     */
    public FightNetTrainer(long seed, double realWeight, int members, int[] hidden, boolean balanced, double l2,
                           RealExpert expert) {
        if (members < 1) {
            throw new IllegalArgumentException("members must be 1 or more: " + members);
        }
        this.seed = seed;
        this.realWeight = realWeight;
        this.members = members;
        this.hidden = hidden.clone();
        this.balanced = balanced;
        this.l2 = l2;
        this.expert = expert;
    }

    /**
     * Trains the general networks on the same rows (seeds seed, seed + 1, ...), one network or their merge, and the
     * real-footage expert (if asked) on the real rows alone.
     */
    public FightClassifier train(List<WindowSample> samples) {
        List<MultiLayerNetwork> nets = new ArrayList<>();
        NormalizerStandardize norm = null;
        for (int m = 0; m < members; m++) {
            FightNetwork c = trainOne(samples, seed + m, realWeight, hidden, balanced, l2);
            nets.add(c.network());
            // The same rows each time, so the same standardisation: one normaliser serves the merged network.
            norm = (NormalizerStandardize) c.normalizer();
        }
        FightNetwork general = new FightNetwork(nets.size() == 1 ? nets.get(0) : merge(nets, hidden), norm);
        List<WindowSample> real = samples.stream().filter(WindowSample::real).toList();
        if (expert == null || real.isEmpty()) {
            return new FightClassifier(general, null, 0);
        }
        FightNetwork realExpert = trainOne(real, seed, 1, new int[0], balanced, expert.l2());
        boolean mixed = real.size() < samples.size();
        return new FightClassifier(general, realExpert, expert.domainGate() && mixed ? domainGate(samples) : null,
                expert.veto());
    }

    /**
     * A logistic regression whose "fight" class is "generated": every window once, the two domains weighing alike in
     * the loss (real windows are the minority, so the generated class's weight is below 1 and never capped).
     */
    private FightNetwork domainGate(List<WindowSample> samples) {
        List<WindowSample> rows = samples.stream()
                .map(s -> new WindowSample(s.x(), !s.real(), s.clip(), s.group(), false, s.atS())).toList();
        return trainOne(rows, seed, 1, new int[0], true, L2);
    }

    /**
     * One network whose logits are the members' mean: hidden layers side by side (the first layer's weights
     * concatenated, the later ones block-diagonal), the output layer stacked and divided by the member count.
     * Softmax of the mean logit is a geometric-mean ensemble, and the result is an ordinary MLP for DL4J and
     * {@link FightClassifier}'s plain-Java forward pass. Without hidden layers the weights are simply averaged.
     */
    static MultiLayerNetwork merge(List<MultiLayerNetwork> nets, int[] hidden) {
        int k = nets.size();
        int[] wide = new int[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
            wide[i] = hidden[i] * k;
        }
        MultiLayerNetwork out = new MultiLayerNetwork(configuration(nets.get(0).getLayerWiseConfigurations().getConf(0)
                .getSeed(), wide, 1, L2));
        out.init();
        int layers = hidden.length + 1;
        for (int l = 0; l < layers; l++) {
            INDArray w = out.getLayer(l).getParam("W").assign(0);
            INDArray b = out.getLayer(l).getParam("b").assign(0);
            for (int m = 0; m < k; m++) {
                INDArray mw = nets.get(m).getLayer(l).getParam("W");
                INDArray mb = nets.get(m).getLayer(l).getParam("b");
                long rows = mw.rows();
                long cols = mw.columns();
                if (hidden.length == 0) {
                    w.addi(mw.div(k));
                    b.addi(mb.div(k));
                } else if (l == layers - 1) {
                    w.get(NDArrayIndex.interval(m * rows, (m + 1) * rows), NDArrayIndex.all()).assign(mw.div(k));
                    b.addi(mb.div(k));
                } else {
                    long r0 = l == 0 ? 0 : m * rows;
                    w.get(NDArrayIndex.interval(r0, r0 + rows), NDArrayIndex.interval(m * cols, (m + 1) * cols)).assign(mw);
                    b.get(NDArrayIndex.all(), NDArrayIndex.interval(m * cols, (m + 1) * cols)).assign(mb);
                }
            }
        }
        return out;
    }

    private static FightNetwork trainOne(List<WindowSample> samples, long memberSeed, double realWeight, int[] hidden,
                                         boolean balanced, double l2) {
        List<WindowSample> rows = weighted(samples, realWeight);
        Collections.shuffle(rows, new Random(memberSeed));
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
        // Balance the classes in the loss rather than by resampling (when asked): fights are the minority of
        // generated windows.
        double w1 = fights == 0 ? 1 : (n - fights) / (double) fights;
        Nd4j.getRandom().setSeed(memberSeed);
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(memberSeed, hidden, balanced ? Math.min(8, w1) : 1, l2));
        net.init();
        List<DataSet> batches = all.batchBy(BATCH);
        for (int e = 0; e < EPOCHS; e++) {
            for (DataSet b : batches) {
                net.fit(b);
            }
        }
        return new FightNetwork(net, norm);
    }

    /**
     * The layers: tanh hidden layers of the given sizes (none: a logistic regression), a 2-way softmax whose loss
     * weighs the fight class by {@code fightWeight}.
     */
    private static MultiLayerConfiguration configuration(long seed, int[] hidden, double fightWeight, double l2) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.005))
                .l2(l2)
                .list();
        int in = FightFeatures.SIZE;
        for (int h : hidden) {
            layers.layer(new DenseLayer.Builder().nIn(in).nOut(h).activation(Activation.TANH).build());
            in = h;
        }
        return layers.layer(new OutputLayer.Builder(new LossMCXENT(Nd4j.create(new double[] {1, fightWeight})))
                        .nIn(in).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
    }

    /** The architecture and settings in words, for the model card. */
    static String describe(long seed, int members, int[] hidden, boolean balanced, double l2, RealExpert expert) {
        StringBuilder b = new StringBuilder();
        if (members > 1) {
            b.append(members).append(" nets (seeds ").append(seed).append("-").append(seed + members - 1)
                    .append(") merged into one by averaging their logits, each ");
        }
        b.append(FightFeatures.SIZE);
        for (int h : hidden) {
            b.append(" → ").append(h).append(" tanh");
        }
        b.append(" → 2 softmax; ").append(EPOCHS).append(" epochs, batch ").append(BATCH)
                .append(", Adam 0.005, L2 ").append(l2)
                .append(balanced ? ", class-weighted cross-entropy" : ", cross-entropy (classes not reweighted)");
        if (expert != null) {
            String capped = "min(expert, general - logit(" + expert.veto() + "))";
            b.append("; with a real-footage expert (a logistic regression on the real windows alone, L2 ")
                    .append(expert.l2()).append("), combined as logit = ")
                    .append(expert.domainGate() ? "g * " + capped + " + (1 - g) * expert, where g is a domain gate's "
                            + "probability that the window looks rendered (a logistic regression, L2 " + L2
                            + ", trained to tell generated windows from real ones, the two weighing alike)"
                            : capped + (expert.veto() == 0.5 ? ": the lower of the two probabilities" : ""))
                    .append(")");
        }
        return b.toString();
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
