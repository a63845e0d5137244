package io.gridsense.analytics.behavior;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trained fight classifier (Deeplearning4j, a logistic regression, or a small MLP, over {@link FightFeatures}): the probability that a
 * window shows a fight. The shipped model is a resource written by {@code ./gridsense train}; one instance is shared
 * by all cameras (thread-safe; a forward pass of one row costs a few microseconds).
 */
public final class FightClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(FightClassifier.class);
    /** Where the trained model ships inside the jar. */
    public static final String RESOURCE = "/io/gridsense/analytics/model/fight-classifier.zip";
    private static volatile Optional<FightClassifier> bundled;

    private final MultiLayerNetwork net;
    private final DataNormalization normalizer;
    private final double[] mean;
    private final double[] std;
    /** Per layer: weights [in][out] and biases [out]; hidden layers tanh, the last one softmax over 2 classes. */
    private final double[][][] weights;
    private final double[][] bias;

    public FightClassifier(MultiLayerNetwork net, DataNormalization normalizer) {
        this.net = net;
        this.normalizer = normalizer;
        // Standardise in Java: the normaliser's transform allocates native temporaries on every call.
        NormalizerStandardize ns = (NormalizerStandardize) normalizer;
        this.mean = ns.getMean().toDoubleVector();
        this.std = ns.getStd().toDoubleVector();
        int layers = net.getnLayers();
        this.weights = new double[layers][][];
        this.bias = new double[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = net.getLayer(l).getParam("W").toDoubleMatrix();
            bias[l] = net.getLayer(l).getParam("b").toDoubleVector();
        }
    }

    /** Loads a model written by the trainer (network plus feature standardisation). */
    public static FightClassifier load(InputStream in) throws IOException {
        Pair<MultiLayerNetwork, Normalizer> p = ModelSerializer.restoreMultiLayerNetworkAndNormalizer(in, false);
        if (p.getSecond() == null) {
            throw new IOException("fight model has no normaliser");
        }
        return new FightClassifier(p.getFirst(), (DataNormalization) p.getSecond());
    }

    /** The model shipped in the jar, loaded once; empty when the jar has none (only while bootstrapping training). */
    public static Optional<FightClassifier> bundled() {
        Optional<FightClassifier> b = bundled;
        if (b == null) {
            synchronized (FightClassifier.class) {
                b = bundled;
                if (b == null) {
                    b = loadBundled();
                    bundled = b;
                }
            }
        }
        return b;
    }

    private static Optional<FightClassifier> loadBundled() {
        try (InputStream in = FightClassifier.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                LOG.warn("fight model missing resource={} fallback=thresholds", RESOURCE);
                return Optional.empty();
            }
            FightClassifier c = load(in);
            if (c.mean.length != FightFeatures.SIZE) {
                // A model from before a feature change: scoring with it would be wrong; retrain (./gridsense train).
                LOG.warn("fight model stale resource={} inputs={} features={} fallback=thresholds", RESOURCE,
                        c.mean.length, FightFeatures.SIZE);
                return Optional.empty();
            }
            LOG.info("fight model loaded resource={} params={}", RESOURCE, c.net.numParams());
            return Optional.of(c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the fight model " + RESOURCE, e);
        }
    }

    /** P(fight) for one window vector. */
    public double probability(double[] features) {
        return probabilities(new double[][] {features})[0];
    }

    /**
     * P(fight) for each row. The forward pass runs in plain Java on the network's weights (copied once at load):
     * the same arithmetic as DL4J's (dense, tanh, tanh, softmax), with no native allocation per call — an agent scores
     * a window on most frames for months — and no lock needed.
     */
    public double[] probabilities(double[][] rows) {
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            double[] a = new double[rows[r].length];
            for (int j = 0; j < a.length; j++) {
                a[j] = (rows[r][j] - mean[j]) / Math.max(1e-6, std[j]);
            }
            for (int l = 0; l < weights.length; l++) {
                double[] z = new double[bias[l].length];
                for (int o = 0; o < z.length; o++) {
                    double sum = bias[l][o];
                    for (int k = 0; k < a.length; k++) {
                        sum += a[k] * weights[l][k][o];
                    }
                    z[o] = l < weights.length - 1 ? Math.tanh(sum) : sum;
                }
                a = z;
            }
            double max = Math.max(a[0], a[a.length - 1]);
            double e0 = Math.exp(a[0] - max);
            double e1 = Math.exp(a[a.length - 1] - max);
            out[r] = e1 / (e0 + e1);
        }
        return out;
    }

    public MultiLayerNetwork network() {
        return net;
    }

    public DataNormalization normalizer() {
        return normalizer;
    }
}
