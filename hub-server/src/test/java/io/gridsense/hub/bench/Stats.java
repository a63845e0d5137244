package io.gridsense.hub.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Percentiles of one round's samples, and the median and spread (min–max) of a metric over rounds. */
final class Stats {

    private Stats() {
    }

    /** The p-th percentile (0..100) of nanosecond samples, in microseconds. */
    static double percentileMicros(long[] nanos, double p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))] / 1000.0;
    }

    /** "median X (spread A–B) over N rounds". */
    static String summary(List<Double> perRound, String unit) {
        double[] v = perRound.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return String.format(Locale.ROOT, "median %.3f %s (spread %.3f–%.3f) over %d rounds", median, unit, v[0],
                v[v.length - 1], v.length);
    }
}
