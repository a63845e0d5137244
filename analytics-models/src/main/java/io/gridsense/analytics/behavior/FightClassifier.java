package io.gridsense.analytics.behavior;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trained fight classifier over {@link FightFeatures}: the probability that a window shows a fight. The shipped
 * model is a resource written by {@code ./gridsense train}; one instance is shared by all cameras (thread-safe; a
 * row costs a few microseconds).
 *
 * <p>It is one network trained on generated and real windows together, or that network with a <em>real-footage
 * expert</em> (a network trained on the real windows alone), combined as logit = min(expert, general − logit(veto)).
 * At veto 0.5 (the shipped one) the fight probability is simply the lower of the two networks' probabilities: both must
 * find a fight. The expert is the better judge of real footage, but it has seen no children playing or shaking
 * camera and scores most generated calm windows as fights; those hard negatives are what the general network knows
 * (docs/detection.md). A lower veto lets the expert decide unless the general network finds the window clearly calm.
 *
 * <p>With a <em>domain gate</em> as well (a logistic regression telling windows of rendered scenes from real ones),
 * the general network's veto weighs as much as the gate's probability that the window looks rendered: logit =
 * g · min(expert, general − logit(veto)) + (1 − g) · expert. The general network's calm verdicts carry over to
 * rendered scenes but, measured on real clips held out by source, cost real fights; so where a window looks like
 * real footage the expert decides, and where it looks like the scenes the general network learned from, both must
 * find a fight.
 */
public final class FightClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(FightClassifier.class);
    /** Where the trained model ships inside the jar. */
    public static final String RESOURCE = "/io/gridsense/analytics/model/fight-classifier.zip";
    /** Zip entries added beside the general network's own (DL4J ignores them). */
    private static final String EXPERT_ENTRY = "real-expert.zip";
    private static final String GATE_ENTRY = "domain-gate.zip";
    private static final String COMBINATION_ENTRY = "combination.properties";
    private static volatile Optional<FightClassifier> bundled;

    private final FightNetwork general;
    private final FightNetwork expert;
    /** Logit of "looks rendered" (null: none, the veto always applies). */
    private final FightNetwork gate;
    private final double veto;
    private final double vetoLogit;

    /**
     * The general network, and optionally (null: none) a real-footage expert whose logit is capped at the general
     * network's minus logit(veto) (0 < veto < 1; 0.5: the lower of the two probabilities).
     */
    public FightClassifier(FightNetwork general, FightNetwork expert, double veto) {
        this(general, expert, null, veto);
    }

    /**
     * As above, the general network's veto weighted by the domain {@code gate}'s probability that a window looks
     * rendered (null: no gate, the veto always applies; needs an expert).
     */
    public FightClassifier(FightNetwork general, FightNetwork expert, FightNetwork gate, double veto) {
        if (gate != null && expert == null) {
            throw new IllegalArgumentException("a domain gate needs a real-footage expert");
        }
        if (gate != null && gate.inputs() != general.inputs()) {
            throw new IllegalArgumentException("the domain gate takes " + gate.inputs() + " inputs, the general network "
                    + general.inputs());
        }
        if (expert != null && !(veto > 0 && veto < 1)) {
            throw new IllegalArgumentException("veto must be within (0, 1), got " + veto);
        }
        if (expert != null && expert.inputs() != general.inputs()) {
            throw new IllegalArgumentException("the expert takes " + expert.inputs() + " inputs, the general network "
                    + general.inputs());
        }
        this.general = general;
        this.expert = expert;
        this.gate = gate;
        this.veto = expert == null ? 0 : veto;
        this.vetoLogit = expert == null ? 0 : Math.log(veto / (1 - veto));
    }

    /** Loads a model written by {@link #write} (or an older single-network one). */
    public static FightClassifier load(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        FightNetwork general = network(bytes);
        byte[] expertBytes = null;
        byte[] gateBytes = null;
        Properties combination = new Properties();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(EXPERT_ENTRY)) {
                    expertBytes = zip.readAllBytes();
                } else if (e.getName().equals(GATE_ENTRY)) {
                    gateBytes = zip.readAllBytes();
                } else if (e.getName().equals(COMBINATION_ENTRY)) {
                    combination.load(new StringReader(new String(zip.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        if (expertBytes == null) {
            return new FightClassifier(general, null, 0);
        }
        String veto = combination.getProperty("veto");
        if (veto == null) {
            throw new IOException("fight model has a real-footage expert but no veto in " + COMBINATION_ENTRY);
        }
        return new FightClassifier(general, network(expertBytes), gateBytes == null ? null : network(gateBytes),
                Double.parseDouble(veto));
    }

    private static FightNetwork network(byte[] zip) throws IOException {
        Pair<MultiLayerNetwork, Normalizer> p = ModelSerializer.restoreMultiLayerNetworkAndNormalizer(
                new ByteArrayInputStream(zip), false);
        if (p.getSecond() == null) {
            throw new IOException("fight model has no normaliser");
        }
        return new FightNetwork(p.getFirst(), (DataNormalization) p.getSecond());
    }

    /**
     * Writes the model as one zip: the general network's DL4J file, with the expert, the domain gate and the veto as
     * extra entries.
     */
    public void write(Path zip) throws IOException {
        save(general, zip);
        if (expert == null) {
            return;
        }
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toAbsolutePath().toUri()), Map.of())) {
            addEntry(fs, EXPERT_ENTRY, expert);
            if (gate != null) {
                addEntry(fs, GATE_ENTRY, gate);
            }
            Files.writeString(fs.getPath(COMBINATION_ENTRY), String.format(Locale.ROOT, "veto=%s%n", veto));
        }
    }

    private static void addEntry(FileSystem fs, String entry, FightNetwork n) throws IOException {
        Path tmp = Files.createTempFile("fight-network", ".zip");
        try {
            save(n, tmp);
            Files.copy(tmp, fs.getPath(entry));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void save(FightNetwork n, Path zip) throws IOException {
        // writeModel(..., normalizer) of DL4J 1.0.0-M2.1 fails on a closed stream: write, then add the normaliser.
        Files.deleteIfExists(zip);
        ModelSerializer.writeModel(n.network(), zip.toFile(), false);
        ModelSerializer.addNormalizerToModel(zip.toFile(), n.normalizer());
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
            if (c.general.inputs() != FightFeatures.SIZE) {
                // A model from before a feature change: scoring with it would be wrong; retrain (./gridsense train).
                LOG.warn("fight model stale resource={} inputs={} features={} fallback=thresholds", RESOURCE,
                        c.general.inputs(), FightFeatures.SIZE);
                return Optional.empty();
            }
            LOG.info("fight model loaded resource={} params={} real_expert={} domain_gate={} veto={}", RESOURCE,
                    c.parameters(), c.expert != null, c.gate != null, c.veto);
            return Optional.of(c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the fight model " + RESOURCE, e);
        }
    }

    /** P(fight) for one window vector. */
    public double probability(double[] features) {
        return probabilities(new double[][] {features})[0];
    }

    /** P(fight) for each row (plain Java: no native allocation per call, no lock). */
    public double[] probabilities(double[][] rows) {
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            double z = general.logit(rows[r]);
            if (expert != null) {
                double e = expert.logit(rows[r]);
                double both = Math.min(e, z - vetoLogit);
                double rendered = gate == null ? 1 : 1 / (1 + Math.exp(-gate.logit(rows[r])));
                z = rendered * both + (1 - rendered) * e;
            }
            out[r] = 1 / (1 + Math.exp(-z));
        }
        return out;
    }

    /** The network trained on all windows. */
    public FightNetwork general() {
        return general;
    }

    /** The real-footage expert, if the model has one. */
    public Optional<FightNetwork> expert() {
        return Optional.ofNullable(expert);
    }

    /** The domain gate (logit of "looks rendered"), if the model has one. */
    public Optional<FightNetwork> gate() {
        return Optional.ofNullable(gate);
    }

    /**
     * Where the general network's probability is below this, so is the model's, to the degree that the window looks
     * rendered (fully without a domain gate); 0 without an expert.
     */
    public double veto() {
        return veto;
    }

    /** Trainable parameters of all networks together. */
    public long parameters() {
        return general.network().numParams() + (expert == null ? 0 : expert.network().numParams())
                + (gate == null ? 0 : gate.network().numParams());
    }

    /** The general network's DL4J model. */
    public MultiLayerNetwork network() {
        return general.network();
    }

    /** The general network's input standardisation. */
    public DataNormalization normalizer() {
        return general.normalizer();
    }
}
