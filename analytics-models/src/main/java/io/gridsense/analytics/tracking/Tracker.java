package io.gridsense.analytics.tracking;

import io.gridsense.analytics.Box;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A simple multi-person tracker: constant-velocity prediction, greedy nearest-centroid assignment (distance in
 * person heights, so it works at any depth) and box smoothing. It bridges missed detections: a track stays counted for {@code memory} after
 * its last detection, so one missed frame does not reset a gathering timer. Kalman prediction comes later.
 */
public final class Tracker {
    /** A detection matches a track when their centres are closer than this many person heights. */
    private static final double MAX_JUMP_HEIGHTS = 0.6;
    /** Weight of the new detection in the smoothed box. */
    private static final double ALPHA = 0.6;

    private final Duration memory;
    private final Duration forget;
    private final List<Track> tracks = new ArrayList<>();
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

    /** Assigns the detections of one frame at {@code at} to tracks, creating and dropping tracks as needed. */
    public void update(List<Box> detections, Instant at) {
        lastUpdate = at;
        record Pair(int track, int det, double cost) { }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            Box t = tracks.get(i).predictedAt(at);
            for (int j = 0; j < detections.size(); j++) {
                Box d = detections.get(j);
                double h = (t.h() + d.h()) / 2;
                double dist = Math.hypot(t.centerX() - d.centerX(), t.centerY() - d.centerY()) / h;
                double sizeRatio = Math.max(t.h(), d.h()) / Math.min(t.h(), d.h());
                if (dist < MAX_JUMP_HEIGHTS && sizeRatio < 1.6) {
                    pairs.add(new Pair(i, j, dist));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::cost));
        boolean[] trackUsed = new boolean[tracks.size()];
        boolean[] detUsed = new boolean[detections.size()];
        for (Pair p : pairs) {
            if (trackUsed[p.track()] || detUsed[p.det()]) {
                continue;
            }
            trackUsed[p.track()] = true;
            detUsed[p.det()] = true;
            Track t = tracks.get(p.track());
            Box d = detections.get(p.det());
            double dt = Math.max(0.05, Duration.between(t.lastSeen(), at).toMillis() / 1000.0);
            double vx = t.hits() == 1 ? (d.centerX() - t.box().centerX()) / dt
                    : 0.5 * t.vx() + 0.5 * (d.centerX() - t.box().centerX()) / dt;
            double vy = t.hits() == 1 ? (d.footY() - t.box().footY()) / dt
                    : 0.5 * t.vy() + 0.5 * (d.footY() - t.box().footY()) / dt;
            tracks.set(p.track(), new Track(t.id(), blend(t.predictedAt(at), d), vx, vy, t.firstSeen(), at,
                    t.hits() + 1));
        }
        for (int j = 0; j < detections.size(); j++) {
            // A second box on someone already tracked (another scale, a half-body window) is not a new person.
            if (!detUsed[j] && !overlapsAny(detections.get(j), at)) {
                tracks.add(new Track(nextId++, detections.get(j), 0, 0, at, at, 1));
            }
        }
        tracks.removeIf(t -> t.lastSeen().plus(forget).isBefore(at));
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
        for (Track t : tracks) {
            if (!t.lastSeen().isBefore(since) && t.hits() >= 2) {
                live.add(t);
            }
        }
        // Freshest first; a coasting track on or next to a fresher one is that person re-acquired: count once.
        live.sort(Comparator.comparing(Track::lastSeen).reversed().thenComparing(Comparator.comparingInt(Track::hits).reversed()));
        List<Track> out = new ArrayList<>();
        for (Track t : live) {
            boolean coasting = t.lastSeen().isBefore(lastUpdate);
            if (out.stream().noneMatch(k -> same(k.box(), t.box()) || coasting && near(k.box(), t.box()))) {
                out.add(t);
            }
        }
        return out;
    }

    public List<Box> currentBoxes() {
        return current().stream().map(Track::box).toList();
    }

    private boolean overlapsAny(Box d, Instant at) {
        for (Track t : tracks) {
            if (t.lastSeen().equals(at) && same(t.box(), d)) {
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

    private static Box blend(Box old, Box now) {
        double a = ALPHA;
        return new Box(old.x() * (1 - a) + now.x() * a, old.y() * (1 - a) + now.y() * a,
                old.w() * (1 - a) + now.w() * a, old.h() * (1 - a) + now.h() * a, now.score());
    }
}
