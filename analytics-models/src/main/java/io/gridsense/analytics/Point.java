package io.gridsense.analytics;

/** A point in normalised image coordinates: 0..1 from the top-left corner. */
public record Point(double x, double y) {
}
