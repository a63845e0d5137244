package io.gridsense.protocol;

/** A point in normalised image coordinates: 0..1 from the top-left corner. */
public record NormPoint(double x, double y) {
}
