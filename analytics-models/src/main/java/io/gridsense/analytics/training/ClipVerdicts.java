package io.gridsense.analytics.training;

import io.gridsense.analytics.behavior.FightClassifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Clip-level fight verdicts from window probabilities: a clip is a fight when its most violent window passes. */
final class ClipVerdicts {
    /** Counts of one validation. */
    record Counts(int tp, int fp, int fn, int tn) {
        Counts plus(Counts o) {
            return new Counts(tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn);
        }

        double accuracy() {
            return (tp + tn) / (double) Math.max(1, tp + fp + fn + tn);
        }

        double precision() {
            return tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn);
        }
    }

    private ClipVerdicts() {
    }

    static Counts score(FightClassifier model, List<WindowSample> samples, double threshold) {
        double[][] x = samples.stream().map(WindowSample::x).toArray(double[][]::new);
        double[] p = x.length == 0 ? new double[0] : model.probabilities(x);
        Map<String, double[]> clips = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            WindowSample s = samples.get(i);
            double[] v = clips.computeIfAbsent(s.clip(), k -> new double[] {0, s.fight() ? 1 : 0});
            v[0] = Math.max(v[0], p[i]);
        }
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (double[] v : clips.values()) {
            boolean said = v[0] >= threshold;
            boolean truth = v[1] > 0;
            tp += said && truth ? 1 : 0;
            fp += said && !truth ? 1 : 0;
            fn += !said && truth ? 1 : 0;
            tn += !said && !truth ? 1 : 0;
        }
        return new Counts(tp, fp, fn, tn);
    }
}
