package io.gridsense.analytics;

/** An axis-aligned box in normalised image coordinates (0..1), with the detector's score. */
public record Box(double x, double y, double w, double h, double score) {

    public double centerX() {
        return x + w / 2;
    }

    public double centerY() {
        return y + h / 2;
    }

    /** The bottom centre: where a person stands on the ground. */
    public double footY() {
        return y + h;
    }
}
