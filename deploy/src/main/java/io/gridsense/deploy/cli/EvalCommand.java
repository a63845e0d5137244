package io.gridsense.deploy.cli;

import io.gridsense.analytics.eval.Evaluator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridsense eval}: the evaluation harness (all logic in analytics-models' Evaluator). */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {
            "Runs the edge agent's analysis pipeline over every clip of a folder with labels.csv and prints, per",
            "behaviour, precision, recall, F1, median time-to-detect and false alerts per camera-hour, plus a per-clip",
            "table. An alert of type T matches a labelled interval of type T when raised within [start, end + 5 s];",
            "each interval counts once; every other alert is a false positive. --clip-level gives one verdict per",
            "clip instead (the behaviour score over the whole clip against the rule's threshold), for short clips."})
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--clips", required = true, description = "folder of clips with labels.csv")
    Path clips;

    @Option(names = "--rules", description = "rules properties file (gathering.minPeople, gathering.minDuration=10s, fight.sensitivity, ...); default: the default rules")
    Path rules;

    @Option(names = "--json", description = "also write the metrics as JSON to this file")
    Path json;

    @Option(names = "--sweep", description = "also replay the rules at other sensitivities/durations and write the precision/recall tables (markdown) to this file")
    Path sweep;

    @Option(names = "--clip-level", description = "one verdict per clip (accuracy, precision, recall per type)")
    boolean clipLevel;

    @Override
    public Integer call() throws Exception {
        Evaluator.run(clips, rules, json, clipLevel, sweep, System.out);
        return 0;
    }
}
