package io.gridsense.analytics.training;

/**
 * One training example: a fight-window feature vector, its label, the clip it came from and the group used for
 * cross-validation (the source video for real clips, the clip itself for generated ones).
 */
public record WindowSample(double[] x, boolean fight, String clip, String group, boolean real, double atS) {
}
