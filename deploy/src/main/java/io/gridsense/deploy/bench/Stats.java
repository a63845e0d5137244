package io.gridsense.deploy.bench;

import java.util.Arrays;

/** Median and spread of repeated measurements: the machine is shared and noisy, so single runs mean little. */
record Stats(double median, double min, double max, int runs) {

    static Stats of(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Stats(median, v[0], v[v.length - 1], v.length);
    }

    String format(String unit) {
        return String.format("median %,.0f %s (min %,.0f, max %,.0f, %d runs)", median, unit, min, max, runs);
    }
}
