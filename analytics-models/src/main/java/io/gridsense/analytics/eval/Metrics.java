package io.gridsense.analytics.eval;

import java.util.ArrayList;
import java.util.List;

/** Precision, recall, F1 and time-to-detect of one behaviour over a set of clips (tn only in clip-level mode). */
public record Metrics(int tp, int fp, int fn, int tn, List<Double> ttdS) {
    public Metrics {
        ttdS = List.copyOf(ttdS);
    }

    public static Metrics empty() {
        return new Metrics(0, 0, 0, 0, List.of());
    }

    public Metrics plus(int dTp, int dFp, int dFn, int dTn, List<Double> moreTtd) {
        List<Double> t = new ArrayList<>(ttdS);
        t.addAll(moreTtd);
        return new Metrics(tp + dTp, fp + dFp, fn + dFn, tn + dTn, t);
    }

    /** NaN when nothing was raised. */
    public double precision() {
        return tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
    }

    /** NaN when nothing was labelled. */
    public double recall() {
        return tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        if (Double.isNaN(p) || Double.isNaN(r) || p + r == 0) {
            return tp == 0 && fp == 0 && fn == 0 ? Double.NaN : 0;
        }
        return 2 * p * r / (p + r);
    }

    public double accuracy() {
        int n = tp + fp + fn + tn;
        return n == 0 ? Double.NaN : (tp + tn) / (double) n;
    }

    public double medianTtd() {
        if (ttdS.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(ttdS);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
