package io.gridsense.analytics.tracking;

import io.gridsense.analytics.Box;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * One person's filter state. Positions are in frame-height units (x scaled by the aspect ratio) so that both
 * axes and the person's height share one unit; sizes are smoothed outside the filter.
 */
final class TrackState {
    /** Smallest gate: a detection further than this many person heights from a tracked person is someone else. */
    private static final double MIN_GATE_HEIGHTS = 0.6;
    /** Gate of a person last seen standing and missed since: they shift their weight, they do not jump. */
    static final double STANDING_GATE_HEIGHTS = 0.45;
    /** Largest gate, reached by a track coasting for about a second. */
    private static final double MAX_GATE_HEIGHTS = 1.2;
    /** Weight of the new detection in the smoothed box size. */
    private static final double ALPHA = 0.6;
    /** Detector jitter of the foot point, in person heights (HOG boxes move by ~5% of the height on a still person). */
    private static final double MEASURE_SIGMA = 0.06;
    /** Acceleration noise, in person heights per s^2 (walkers turn and stop; fighters lunge). */
    private static final double ACCEL_SIGMA = 0.9;
    /** A new track's velocity is unknown: up to a fast walk, ~1.5 heights per second. */
    private static final double INITIAL_SPEED_SIGMA = 1.5;
    /** Velocity is extrapolated at most this far ahead (people stop, turn, lunge back). */
    private static final double MAX_EXTRAPOLATE_S = 0.4;
    /** How far back a track's net displacement is measured ({@link Track#recentSpeed()}). */
    private static final double SETTLE_WINDOW_S = 2.0;
    /** The displacement needs at least this much history to mean anything. */
    private static final double MIN_SETTLE_S = 1.0;

    final long id;
    final AxisKalman kx;
    final AxisKalman ky;
    final Instant firstSeen;
    Instant lastSeen;
    Instant predictedTo;
    double w;
    double h;
    double score;
    double aspect;
    int hits = 1;
    /** Detector runs since the track started, this one's first included (hits / looks: how reliably it is found). */
    int looks = 1;
    /** Whether the person was standing when last seen (velocity from the filter, in own heights per second). */
    boolean standing;
    /** Since when the person has been standing at every sighting (null while not standing). */
    Instant standingSince;
    /** Whether, since a walker was lost, a new track started near where they were lost (them coming out). */
    boolean cameOut;
    /**
     * Last seen by the look behind a group: a person standing behind another, whose box lies largely inside the
     * front person's; two such boxes are two people, not two boxes on one.
     */
    boolean seenBehind;
    /** Whether something moved on the person's box since they were last seen (or motion was not known). */
    boolean disturbed;
    /** Where the person was first seen (foot point, frame-height units, x scaled by the aspect ratio). */
    final double firstX;
    final double firstY;
    /** The filter's velocity at the last detection (frame heights per second), kept while the track coasts. */
    double seenVx;
    double seenVy;
    /** Where the person was measured (filter's position) over the last SETTLE_WINDOW: time s, x, y. */
    private final ArrayDeque<double[]> recent = new ArrayDeque<>();

    TrackState(long id, Box d, Instant at, double aspect) {
        this.id = id;
        double sigma = MEASURE_SIGMA * d.h();
        double speed = INITIAL_SPEED_SIGMA * d.h();
        kx = new AxisKalman(d.centerX() * aspect, sigma * sigma, speed * speed);
        ky = new AxisKalman(d.footY(), sigma * sigma, speed * speed);
        firstX = d.centerX() * aspect;
        firstY = d.footY();
        firstSeen = at;
        lastSeen = at;
        predictedTo = at;
        w = d.w();
        h = d.h();
        score = d.score();
        this.aspect = aspect;
    }

    /** How far the person has come since first seen, in their own heights (a second box on someone stays put). */
    double travelledHeights() {
        return Math.hypot(kx.position() - firstX, ky.position() - firstY) / h;
    }

    void predictTo(Instant at) {
        double dt = Duration.between(predictedTo, at).toNanos() / 1e9;
        if (dt <= 0) {
            return;
        }
        // Extrapolation is measured from the last detection, not from the last prediction.
        double sinceSeen = Duration.between(lastSeen, predictedTo).toNanos() / 1e9;
        double room = Math.max(0, MAX_EXTRAPOLATE_S - sinceSeen);
        double a = ACCEL_SIGMA * h;
        kx.predict(dt, room, a * a);
        ky.predict(dt, room, a * a);
        predictedTo = at;
    }

    /** The gate widens with the predicted uncertainty (3 sigma), within MIN..MAX person heights. */
    double gate(Instant previousUpdate) {
        // A standing person missed by the last detector run (hidden in a group) is where they were: a widening
        // gate would hand their track to the next passer-by. One seen last time keeps the normal gate, so that
        // someone who starts walking between two slow looks is still followed.
        if (standing && previousUpdate != null && lastSeen.isBefore(previousUpdate)) {
            return STANDING_GATE_HEIGHTS;
        }
        double sigma = Math.hypot(kx.positionSigma(), ky.positionSigma()) / h;
        return Math.max(MIN_GATE_HEIGHTS, Math.min(MAX_GATE_HEIGHTS, 3 * sigma));
    }

    void correct(Box d, Instant at, double frameAspect) {
        disturbed = false;
        cameOut = false;
        double r = MEASURE_SIGMA * d.h();
        kx.correct(d.centerX() * frameAspect, r * r);
        ky.correct(d.footY(), r * r);
        w = w * (1 - ALPHA) + d.w() * ALPHA;
        h = h * (1 - ALPHA) + d.h() * ALPHA;
        score = d.score();
        aspect = frameAspect;
        lastSeen = at;
        hits++;
        standing = Math.hypot(kx.velocity(), ky.velocity()) / h <= Tracker.STANDING_HEIGHTS_PER_S;
        standingSince = !standing ? null : standingSince == null ? at : standingSince;
        seenVx = kx.velocity();
        seenVy = ky.velocity();
        double t = Duration.between(firstSeen, at).toNanos() / 1e9;
        recent.addLast(new double[] {t, kx.position(), ky.position()});
        while (recent.size() > 2 && recent.peekFirst()[0] < t - SETTLE_WINDOW_S) {
            recent.removeFirst();
        }
    }

    /**
     * Net displacement over the last SETTLE_WINDOW in own heights per second, NaN before the track has a
     * second of history. A person standing in a group sways, gestures and is boxed a little differently on
     * every look, which makes the filter's velocity jitter above a walking threshold now and then; over two
     * seconds that jitter cancels out while a walker's steady progress adds up.
     */
    double recentSpeed() {
        double[] first = recent.peekFirst();
        double[] last = recent.peekLast();
        if (first == null || last[0] - first[0] < MIN_SETTLE_S) {
            return Double.NaN;
        }
        return Math.hypot(last[1] - first[1], last[2] - first[2]) / h / (last[0] - first[0]);
    }

    Box box(double frameAspect) {
        double cx = kx.position() / frameAspect;
        return new Box(cx - w / 2, ky.position() - h, w, h, score);
    }

    Track track() {
        return new Track(id, box(aspect), kx.velocity() / aspect, ky.velocity(), firstSeen, lastSeen, hits,
                recentSpeed(), seenBehind);
    }

    /**
     * The track of a person taken to stand where they were last seen (hidden, or missed by the detector): not
     * moving now, and their recent speed measured up to {@code now}, so that the arrival of someone who walked up
     * and was lost as they stopped fades out of it over SETTLE_WINDOW, as it would have had they stayed in view.
     */
    Track heldTrack(Instant now) {
        double t = Duration.between(firstSeen, now).toNanos() / 1e9;
        double[] last = recent.peekLast();
        double[] from = null;
        for (double[] r : recent) {
            if (r[0] >= t - SETTLE_WINDOW_S) {
                from = r;
                break;
            }
        }
        double speed;
        if (from == null) {
            speed = 0;
        } else if (from == recent.peekFirst() && t - from[0] < MIN_SETTLE_S) {
            speed = Double.NaN;
        } else {
            speed = Math.hypot(last[1] - from[1], last[2] - from[2]) / h / (t - from[0]);
        }
        return new Track(id, box(aspect), 0, 0, firstSeen, lastSeen, hits, speed, seenBehind);
    }
}
