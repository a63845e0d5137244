package io.gridsense.analytics.tracking;

import io.gridsense.analytics.Box;
import io.gridsense.analytics.people.Nms;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Multi-person tracker: a constant-velocity Kalman filter per person on the foot point, optimal (Hungarian)
 * assignment of detections to predicted tracks, with a gate measured in person heights (so it works at any depth)
 * that widens while a track coasts. It bridges missed detections: a track stays counted for {@code memory} after
 * its last detection, so one missed frame does not reset a gathering timer.
 */
public final class Tracker {
    /** Smallest gate: a detection further than this many person heights from a tracked person is someone else. */
    private static final double MIN_GATE_HEIGHTS = 0.6;
    /** Gate of a person last seen standing and missed since: they shift their weight, they do not jump. */
    private static final double STANDING_GATE_HEIGHTS = 0.45;
    /** Largest gate, reached by a track coasting for about a second. */
    private static final double MAX_GATE_HEIGHTS = 1.2;
    /** Boxes more than this different in height are not one person from one frame to the next. */
    private static final double MAX_SIZE_RATIO = 1.6;
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
    private static final double GATED = 1e6;
    /**
     * Slower than this (own heights per second; walking is ~0.8) a person is standing: if hidden, they are still
     * there; and only standing people make a gathering ({@code GatheringAnalyzer}).
     */
    public static final double STANDING_HEIGHTS_PER_S = 0.4;
    /** How far back a track's net displacement is measured ({@link Track#recentSpeed()}). */
    private static final double SETTLE_WINDOW_S = 2.0;
    /** The displacement needs at least this much history to mean anything. */
    private static final double MIN_SETTLE_S = 1.0;
    /** How long a standing person hidden behind someone in front keeps being counted. */
    private static final Duration OCCLUDED_MEMORY = Duration.ofSeconds(8);
    /** Two tracks seen together this long are two people, not one person's two boxes. */
    private static final Duration COEXISTED = Duration.ofSeconds(1);
    /** Sightings before a lost, undisturbed standing person is taken to be still there (a second of looks at 5 fps). */
    private static final int STILL_HITS = 5;

    private final Duration memory;
    private final Duration forget;
    private final List<State> tracks = new ArrayList<>();
    private long nextId = 1;
    private Instant lastUpdate;

    public Tracker() {
        this(Duration.ofMillis(1200), Duration.ofSeconds(3));
    }

    /** @param memory how long a missed track still counts; @param forget when it is dropped for good */
    public Tracker(Duration memory, Duration forget) {
        this.memory = memory;
        this.forget = forget;
    }

    /** As {@link #update(List, Instant, double)} for a square frame (distances in normalised units as they are). */
    public void update(List<Box> detections, Instant at) {
        update(detections, at, 1.0);
    }

    /**
     * Assigns the detections of one frame at {@code at} to tracks, creating and dropping tracks as needed.
     * {@code aspect} is the frame's width over its height, so that distances are measured in true person heights.
     */
    public void update(List<Box> detections, Instant at, double aspect) {
        update(detections, at, aspect, null);
    }

    /**
     * As {@link #update(List, Instant, double)}, with the frame's {@code motion} blobs (normalised; null when not
     * known): a standing person the detector missed while nothing moved where they stand is still there (see
     * {@link #stillThere}).
     */
    public void update(List<Box> detections, Instant at, double aspect, List<Box> motion) {
        Instant previousUpdate = lastUpdate;
        lastUpdate = at;
        int nt = tracks.size();
        int nd = detections.size();
        for (State s : tracks) {
            s.predictTo(at);
        }
        double[][] cost = new double[nt][nd];
        for (int i = 0; i < nt; i++) {
            State s = tracks.get(i);
            double gate = s.gate(previousUpdate);
            for (int j = 0; j < nd; j++) {
                Box d = detections.get(j);
                double h = (s.h + d.h()) / 2;
                double dist = Math.hypot(s.kx.position() - d.centerX() * aspect, s.ky.position() - d.footY()) / h;
                double ratio = Math.max(s.h, d.h()) / Math.min(s.h, d.h());
                // Distance first; a size change adds a little so that of two equidistant boxes the like-sized wins.
                cost[i][j] = dist <= gate && ratio < MAX_SIZE_RATIO ? dist + 0.5 * Math.log(ratio) : GATED;
            }
        }
        int[] match = Hungarian.solve(cost);
        boolean[] detUsed = new boolean[nd];
        for (int i = 0; i < nt; i++) {
            int j = match[i];
            if (j >= 0 && cost[i][j] < GATED) {
                detUsed[j] = true;
                tracks.get(i).correct(detections.get(j), at, aspect);
            }
        }
        for (int i = 0; i < nt; i++) {
            State s = tracks.get(i);
            if (!s.lastSeen.equals(at) && (motion == null || moved(s.box(aspect), motion))) {
                s.disturbed = true;
            }
        }
        for (int j = 0; j < nd; j++) {
            // A second box on someone already tracked (another scale, a half-body window) is not a new person.
            if (!detUsed[j] && !overlapsAny(detections.get(j), at, aspect)) {
                tracks.add(new State(nextId++, detections.get(j), at, aspect));
            }
        }
        List<State> gone = tracks.stream()
                .filter(t -> t.lastSeen.plus(forget).isBefore(at) && !hidden(t, at) && !stillThere(t, at)).toList();
        tracks.removeAll(gone);
    }

    /**
     * The people counted now: tracks confirmed by 2+ detections and seen within {@code memory} of the last
     * detector run (so frames on which the detector was skipped keep the count), one per person.
     */
    public List<Track> current() {
        if (lastUpdate == null) {
            return List.of();
        }
        Instant since = lastUpdate.minus(memory);
        List<Track> live = new ArrayList<>();
        List<Long> hiddenIds = new ArrayList<>();
        for (State s : tracks) {
            if (s.hits < 2) {
                continue;
            }
            if (!s.lastSeen.isBefore(since)) {
                live.add(s.track());
            } else if (hidden(s, lastUpdate)) {
                live.add(s.track());
                hiddenIds.add(s.id);
            } else if (stillThere(s, lastUpdate)) {
                live.add(s.track());
            }
        }
        // Freshest first; a coasting track on or next to a fresher one is that person re-acquired: count once,
        // unless the two were seen side by side for a while (one standing person hidden behind the other).
        live.sort(Comparator.comparing(Track::lastSeen).reversed()
                .thenComparing(Comparator.comparingInt(Track::hits).reversed()));
        List<Track> out = new ArrayList<>();
        for (Track t : live) {
            boolean coasting = t.lastSeen().isBefore(lastUpdate);
            boolean kept = hiddenIds.contains(t.id());
            if (kept || out.stream().noneMatch(k -> same(k.box(), t.box()) || coasting && near(k.box(), t.box())
                    && !coexisted(k, t))) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * A standing person who has not been detected for a while because someone seen beside them for a while now
     * stands in front (overlaps them, feet nearer the camera): still there, for up to OCCLUDED_MEMORY. A crowd
     * standing together hides its members from each other, and without this they would drop out of the count.
     */
    private boolean hidden(State s, Instant at) {
        if (s.hits < 3 || !s.standing || s.lastSeen.equals(at) || s.lastSeen.plus(OCCLUDED_MEMORY).isBefore(at)) {
            return false;
        }
        Box mine = s.box(s.aspect);
        for (State o : tracks) {
            if (o == s || !o.lastSeen.equals(at) || o.hits < 3) {
                continue;
            }
            Box front = o.box(s.aspect);
            boolean together = Duration.between(max(s.firstSeen, o.firstSeen), s.lastSeen).compareTo(COEXISTED) >= 0;
            if (together && front.footY() >= mine.footY() - 0.1 * mine.h()
                    && Nms.intersection(front, mine) >= 0.3 * mine.w() * mine.h()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A standing person the detector has lost while nothing moved where they stand: HOG misses a still person now
     * and then for seconds (a pose, a shadow, someone half in front), but someone who leaves makes motion where they
     * stood (and so does the background they uncover). Until that happens, for up to OCCLUDED_MEMORY, they are
     * taken to be still there. Unlike {@link #hidden}, a fresh track on the same spot is them found again.
     */
    private boolean stillThere(State s, Instant at) {
        return s.hits >= STILL_HITS && s.standing && !s.disturbed && !s.lastSeen.equals(at)
                && !s.lastSeen.plus(OCCLUDED_MEMORY).isBefore(at);
    }

    /** Whether motion blobs cover half of the box: someone leaving moves all of it, a standing person sways a part. */
    private static boolean moved(Box box, List<Box> motion) {
        double covered = 0;
        for (Box m : motion) {
            covered += Nms.intersection(box, m);
        }
        return covered >= 0.5 * box.w() * box.h();
    }

    private static boolean coexisted(Track a, Track b) {
        Instant from = max(a.firstSeen(), b.firstSeen());
        Instant to = a.lastSeen().isBefore(b.lastSeen()) ? a.lastSeen() : b.lastSeen();
        return Duration.between(from, to).compareTo(COEXISTED) >= 0;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Whether a track was started by a single sighting and not yet confirmed by a second one. */
    public boolean hasUnconfirmed() {
        for (State s : tracks) {
            if (s.hits < 2) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where every track not yet forgotten is expected at {@code at}, tentative and coasting ones included: where a
     * detector should look again (a new track needs a second sighting to count, an occluded one to come back).
     */
    public List<Box> expectedAt(Instant at) {
        List<Box> out = new ArrayList<>(tracks.size());
        for (State s : tracks) {
            out.add(s.track().predictedAt(at));
        }
        return out;
    }

    public List<Box> currentBoxes() {
        return current().stream().map(Track::box).toList();
    }

    private boolean overlapsAny(Box d, Instant at, double aspect) {
        for (State s : tracks) {
            if (s.lastSeen.equals(at) && same(s.box(aspect), d)) {
                return true;
            }
        }
        return false;
    }

    /** Centres closer than 0.4 person heights, sizes alike: side-by-side people stand further apart. */
    static boolean near(Box a, Box b) {
        double h = (a.h() + b.h()) / 2;
        double ratio = Math.max(a.h(), b.h()) / Math.min(a.h(), b.h());
        return Math.hypot(a.centerX() - b.centerX(), (a.centerY() - b.centerY())) < 0.4 * h && ratio < 1.4;
    }

    /** Two boxes on one person: they overlap by IoU over 0.3, or the smaller is mostly inside the larger. */
    static boolean same(Box a, Box b) {
        double ix = Math.max(0, Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y()));
        double inter = ix * iy;
        double areaA = a.w() * a.h();
        double areaB = b.w() * b.h();
        return inter > 0.3 * (areaA + areaB - inter) || inter > 0.6 * Math.min(areaA, areaB);
    }

    /**
     * One person's filter state. Positions are in frame-height units (x scaled by the aspect ratio) so that both
     * axes and the person's height share one unit; sizes are smoothed outside the filter.
     */
    private static final class State {
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
        /** Whether the person was standing when last seen (velocity from the filter, in own heights per second). */
        boolean standing;
        /** Whether something moved on the person's box since they were last seen (or motion was not known). */
        boolean disturbed;
        /** Where the person was measured (filter's position) over the last SETTLE_WINDOW: time s, x, y. */
        private final ArrayDeque<double[]> recent = new ArrayDeque<>();

        State(long id, Box d, Instant at, double aspect) {
            this.id = id;
            double sigma = MEASURE_SIGMA * d.h();
            double speed = INITIAL_SPEED_SIGMA * d.h();
            kx = new AxisKalman(d.centerX() * aspect, sigma * sigma, speed * speed);
            ky = new AxisKalman(d.footY(), sigma * sigma, speed * speed);
            firstSeen = at;
            lastSeen = at;
            predictedTo = at;
            w = d.w();
            h = d.h();
            score = d.score();
            this.aspect = aspect;
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
            double r = MEASURE_SIGMA * d.h();
            kx.correct(d.centerX() * frameAspect, r * r);
            ky.correct(d.footY(), r * r);
            w = w * (1 - ALPHA) + d.w() * ALPHA;
            h = h * (1 - ALPHA) + d.h() * ALPHA;
            score = d.score();
            aspect = frameAspect;
            lastSeen = at;
            hits++;
            standing = Math.hypot(kx.velocity(), ky.velocity()) / h <= STANDING_HEIGHTS_PER_S;
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
                    recentSpeed());
        }
    }
}
