package io.gridsense.deploy.cli;

import io.gridsense.analytics.training.FightNetTrainer;
import io.gridsense.analytics.training.FightTrainer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridsense train}: trains the fight classifier reproducibly (all logic in analytics-models' FightTrainer). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {
            "Trains the Deeplearning4j fight classifier on labelled clip folders: generated ones (./gridsense scenes)",
            "and real footage (a folder with labels.csv and sources.csv, e.g. ../shared/datasets/surv-fight-dev).",
            "Cross-validates on the real clips grouped by source video, then trains on everything with a fixed seed",
            "and writes the model (.zip) and its model card (.md: data, settings, measured metrics)."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--clips", required = true, description = "labelled clip folder; repeat for several")
    List<Path> clips;

    @Option(names = "--out", defaultValue = "analytics-models/src/main/resources/io/gridsense/analytics/model/fight-classifier.zip",
            description = "model file; default ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--seed", defaultValue = "7", description = "training seed; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--folds", defaultValue = "5", description = "cross-validation folds over real source videos; default ${DEFAULT-VALUE}")
    int folds;

    @Option(names = "--fold-seed", description = "seed that draws the cross-validation folds; default: the training seed "
            + "(give it to compare training seeds on the same folds)")
    Long foldSeed;

    @Option(names = "--members", defaultValue = "1", description = "networks trained with consecutive seeds and merged "
            + "by averaging their logits; default ${DEFAULT-VALUE} (a single network)")
    int members;

    @Option(names = "--real-weight", defaultValue = "0.5", description = "what the real clips' windows weigh against "
            + "all generated windows together (by repetition); default ${DEFAULT-VALUE}")
    double realWeight;

    @Option(names = "--hidden", defaultValue = "16,8", split = ",", description = "hidden layer sizes (tanh), "
            + "comma-separated; 0 for none: a logistic regression; default ${DEFAULT-VALUE}")
    List<Integer> hidden;

    @Option(names = "--balance-classes", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "weigh the fight class as much as the calm one in the loss (capped at 8 times a window); "
            + "--no-balance-classes: every window once; default ${DEFAULT-VALUE}")
    boolean balanceClasses;

    @Option(names = "--l2", defaultValue = "0.005", description = "L2 weight penalty; default ${DEFAULT-VALUE}")
    double l2;

    @Option(names = "--real-expert", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also train a real-footage expert (a logistic regression on the real windows alone), "
            + "its fight probability capped by the general network's where a window looks rendered (see --veto and "
            + "--domain-gate); --no-real-expert: the general "
            + "network alone; default ${DEFAULT-VALUE}")
    boolean realExpert;

    @Option(names = "--expert-l2", defaultValue = "0.03", description = "the real-footage expert's L2 weight penalty; "
            + "default ${DEFAULT-VALUE}")
    double expertL2;

    @Option(names = "--veto", defaultValue = "0.5", description = "how the expert and the general network combine: "
            + "logit = min(expert, general - logit(veto)), 0 < veto < 1; 0.5: the lower of the two probabilities "
            + "(both must find a fight), lower: the expert decides unless the general network finds the window "
            + "clearly calm; with --domain-gate this cap weighs as much as the window looks rendered; "
            + "default ${DEFAULT-VALUE}")
    double veto;

    @Option(names = "--domain-gate", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also train a domain gate (a logistic regression telling generated windows from real ones) "
            + "that weighs the general network's veto by how rendered a window looks, so that the expert decides "
            + "real footage; --no-domain-gate: the veto always applies; default ${DEFAULT-VALUE}")
    boolean domainGate;

    @Option(names = "--real-samplings", defaultValue = "3", description = "sample each real clip this many times, "
            + "starting evenly spread over one flow step (0.1 s: 0, 0.033 and 0.067 s after the first frame for 3), "
            + "train on every sampling's windows and report each sampling's cross-validated accuracy and their mean "
            + "(a 2 s clip holds only ~20 flow pairs; 1: from the first frame only, as the harness samples); 1 to 10; "
            + "default ${DEFAULT-VALUE}")
    int realSamplings;

    @Option(names = "--cache", description = "window-sample cache (CSV): read when it exists, else written after "
            + "extraction; retraining then skips the videos (one cache per set of folders and --real-samplings)")
    Path cache;

    @Override
    public Integer call() throws Exception {
        List<Integer> layers = hidden.stream().filter(h -> h > 0).toList();
        if (layers.size() != hidden.size() && !hidden.equals(List.of(0))) {
            throw new IllegalArgumentException("--hidden: give layer sizes above 0, or 0 alone for none; got " + hidden);
        }
        FightTrainer.run(clips, out, new FightTrainer.Settings(seed, folds, foldSeed == null ? seed : foldSeed, members,
                realWeight, layers, balanceClasses, l2, realExpert ? new FightNetTrainer.RealExpert(expertL2, veto, domainGate) : null,
                realSamplings),
                cache, System.out);
        return 0;
    }
}
