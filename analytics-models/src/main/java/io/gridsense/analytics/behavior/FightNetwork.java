package io.gridsense.analytics.behavior;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * One trained Deeplearning4j network of the fight classifier (a logistic regression or a small tanh MLP with a 2-way
 * softmax) and the standardisation of its inputs, with a plain-Java forward pass that gives the fight logit.
 */
public final class FightNetwork {
    private final MultiLayerNetwork net;
    private final DataNormalization normalizer;
    private final double[] mean;
    private final double[] std;
    /** Per layer: weights [in][out] and biases [out]; hidden layers tanh, the last one softmax over 2 classes. */
    private final double[][][] weights;
    private final double[][] bias;

    public FightNetwork(MultiLayerNetwork net, DataNormalization normalizer) {
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

    /** How many inputs the network was trained on (a model from before a feature change has another count). */
    public int inputs() {
        return mean.length;
    }

    /**
     * log(P(fight) / P(calm)) for one row: the same arithmetic as DL4J's forward pass (dense, tanh..., softmax),
     * copied out once at load so that scoring allocates no native memory and needs no lock.
     */
    public double logit(double[] row) {
        double[] a = new double[row.length];
        for (int j = 0; j < a.length; j++) {
            a[j] = (row[j] - mean[j]) / Math.max(1e-6, std[j]);
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
        // softmax(a0, a1)[1] = sigmoid(a1 - a0)
        return a[a.length - 1] - a[0];
    }

    public MultiLayerNetwork network() {
        return net;
    }

    public DataNormalization normalizer() {
        return normalizer;
    }
}
