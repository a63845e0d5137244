package io.gridsense.analytics.tracking;

/**
 * A constant-velocity Kalman filter for one image axis (position and velocity, white-acceleration process noise).
 * Two of them follow a person's foot point: x and y are independent in this model, so two 2-state filters give the
 * same estimate as one 4-state filter with less arithmetic and no matrix library.
 */
final class AxisKalman {
    private double pos;
    private double vel;
    // Covariance [[p00, p01], [p01, p11]].
    private double p00;
    private double p01;
    private double p11;

    /** Starts at {@code pos} with unknown velocity: position variance {@code posVar}, velocity variance {@code velVar}. */
    AxisKalman(double pos, double posVar, double velVar) {
        this.pos = pos;
        this.p00 = posVar;
        this.p11 = velVar;
    }

    /**
     * Moves the state on by {@code dt} seconds. The position advances by at most {@code maxExtrapolate} seconds of
     * velocity (people who stop, turn or lunge back make long extrapolations wrong), while the uncertainty grows
     * with the full dt, so a coasting track accepts a wider gate. {@code q} is the acceleration noise density.
     */
    void predict(double dt, double maxExtrapolate, double q) {
        double move = Math.min(dt, maxExtrapolate);
        pos += vel * move;
        double n00 = p00 + dt * (2 * p01 + dt * p11) + q * dt * dt * dt / 3;
        double n01 = p01 + dt * p11 + q * dt * dt / 2;
        double n11 = p11 + q * dt;
        p00 = n00;
        p01 = n01;
        p11 = n11;
    }

    /** Folds in a measured position with variance {@code r}. */
    void correct(double z, double r) {
        double s = p00 + r;
        double k0 = p00 / s;
        double k1 = p01 / s;
        double y = z - pos;
        pos += k0 * y;
        vel += k1 * y;
        double n00 = (1 - k0) * p00;
        double n01 = (1 - k0) * p01;
        double n11 = p11 - k1 * p01;
        p00 = n00;
        p01 = n01;
        p11 = n11;
    }

    double position() {
        return pos;
    }

    double velocity() {
        return vel;
    }

    /** Standard deviation of the position estimate. */
    double positionSigma() {
        return Math.sqrt(Math.max(0, p00));
    }
}
