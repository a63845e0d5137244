package io.gridsense.analytics.tracking;

import io.gridsense.analytics.Box;
import io.gridsense.analytics.people.Nms;
import java.time.Duration;
import java.time.Instant;
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
    /** Boxes more than this different in height are not one person from one frame to the next. */
    private static final double MAX_SIZE_RATIO = 1.6;
    private static final double GATED = 1e6;
    /**
     * Slower than this (own heights per second; walking is ~0.8) a person is standing: if hidden, they are still
     * there; and only standing people make a gathering ({@code GatheringAnalyzer}).
     */
    public static final double STANDING_HEIGHTS_PER_S = 0.4;
    /** How long a person hidden behind someone in front keeps being counted (while that person stays in front). */
    private static final Duration HIDDEN_MEMORY = Duration.ofSeconds(30);
    /** How long a standing person the detector lost while nothing moved there keeps being counted. */
    private static final Duration OCCLUDED_MEMORY = Duration.ofSeconds(8);
    /** Two tracks seen together this long are two people, not one person's two boxes. */
    private static final Duration COEXISTED = Duration.ofSeconds(1);
    /**
     * A walker lost behind someone standing who has not come out again this long has stopped there: a passer-by
     * crossing behind a person is out of sight for about a second.
     */
    private static final Duration STOPPED_BEHIND = Duration.ofMillis(1600);
    /** A new track starting this close (in person heights) to where a walker was lost is that walker coming out. */
    private static final double CAME_OUT_HEIGHTS = 1.5;
    /** A walker who came this far (own heights) before being lost walked up: not a second box on the person in front. */
    private static final double WALKED_UP_HEIGHTS = 0.5;
    /** A new track this close to where a walker was lost may be them, whichever side it starts on. */
    private static final double SAME_SPOT_HEIGHTS = 0.5;
    /** Looks that must find someone behind a group before they count, and the share of looks since. */
    private static final int BEHIND_HITS = 3;
    private static final double BEHIND_SHARE = 0.5;
    /** Sightings before a lost, undisturbed standing person is taken to be still there (a second of looks at 5 fps). */
    private static final int STILL_HITS = 5;
    /**
     * How long a lost person must have stood before they are taken to be still there: children playing stop for a
     * moment and run on, and where the picture has little contrast their leaving may make no motion.
     */
    private static final Duration STILL_STOOD = Duration.ofSeconds(2);

    private final Duration memory;
    private final Duration forget;
    private final List<TrackState> tracks = new ArrayList<>();
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
        update(detections, List.of(), at, aspect, motion);
    }

    /**
     * As {@link #update(List, Instant, double, List)}, with the people the look behind a group found this frame
     * ({@code behind}): each is someone other than the {@code detections}, though their box lies largely inside a
     * front person's, so they are never merged with the person in front as a second box on one person.
     */
    public void update(List<Box> detections, List<Box> behind, Instant at, double aspect, List<Box> motion) {
        int firstBehind = detections.size();
        if (!behind.isEmpty()) {
            List<Box> all = new ArrayList<>(detections);
            all.addAll(behind);
            detections = all;
        }
        Instant previousUpdate = lastUpdate;
        lastUpdate = at;
        int nt = tracks.size();
        int nd = detections.size();
        for (TrackState s : tracks) {
            s.predictTo(at);
            s.looks++;
        }
        double[][] cost = new double[nt][nd];
        for (int i = 0; i < nt; i++) {
            TrackState s = tracks.get(i);
            double gate = s.gate(previousUpdate);
            // A walker held as stopped behind someone (hidden) stands where they were lost: like a standing person
            // missed by the last look, they keep a tight gate, so the person in front or a passer-by does not take
            // their track.
            if (!s.standing && previousUpdate != null && hidden(s, previousUpdate)) {
                gate = Math.min(gate, TrackState.STANDING_GATE_HEIGHTS);
            }
            for (int j = 0; j < nd; j++) {
                Box d = detections.get(j);
                double h = (s.h + d.h()) / 2;
                double dist = Math.hypot(s.kx.position() - d.centerX() * aspect, s.ky.position() - d.footY()) / h;
                double ratio = Math.max(s.h, d.h()) / Math.min(s.h, d.h());
                // Distance first; a size change adds a little so that of two equidistant boxes the like-sized wins.
                // Someone found behind a group stands there: they never take over the track of someone walking.
                boolean fits = dist <= gate && ratio < MAX_SIZE_RATIO && (j < firstBehind || s.standing || s.seenBehind);
                cost[i][j] = fits ? dist + 0.5 * Math.log(ratio) : GATED;
            }
        }
        int[] match = Hungarian.solve(cost);
        boolean[] detUsed = new boolean[nd];
        for (int i = 0; i < nt; i++) {
            int j = match[i];
            if (j >= 0 && cost[i][j] < GATED) {
                detUsed[j] = true;
                tracks.get(i).correct(detections.get(j), at, aspect);
                tracks.get(i).seenBehind = j >= firstBehind;
            }
        }
        for (int i = 0; i < nt; i++) {
            TrackState s = tracks.get(i);
            if (!s.lastSeen.equals(at) && (motion == null || moved(s.box(aspect), motion))) {
                s.disturbed = true;
            }
        }
        for (int j = 0; j < nd; j++) {
            // A second box on someone already tracked (another scale, a half-body window) is not a new person.
            boolean fromBehind = j >= firstBehind;
            if (!detUsed[j] && (fromBehind || !overlapsAny(detections.get(j), at, aspect))) {
                markCameOut(detections.get(j), at, aspect);
                TrackState s = new TrackState(nextId++, detections.get(j), at, aspect);
                s.seenBehind = fromBehind;
                tracks.add(s);
            }
        }
        List<TrackState> gone = tracks.stream()
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
        for (TrackState s : tracks) {
            if (s.hits < 2 || s.seenBehind && !foundReliably(s)) {
                continue;
            }
            if (!s.lastSeen.isBefore(since)) {
                live.add(s.track());
            } else if (hidden(s, lastUpdate)) {
                live.add(s.heldTrack(lastUpdate));
                hiddenIds.add(s.id);
            } else if (stillThere(s, lastUpdate)) {
                live.add(s.heldTrack(lastUpdate));
            }
        }
        // Freshest first; a coasting track on or next to a fresher one is that person re-acquired: count once,
        // unless the two were seen side by side for a while (one standing person hidden behind the other). Someone
        // the look behind a group found is a person of their own, whatever their box overlaps.
        live.sort(Comparator.comparing(Track::lastSeen).reversed()
                .thenComparing(Comparator.comparingInt(Track::hits).reversed()));
        List<Track> out = new ArrayList<>();
        for (Track t : live) {
            boolean coasting = t.lastSeen().isBefore(lastUpdate);
            boolean kept = hiddenIds.contains(t.id());
            if (kept || t.seenBehind() || out.stream().noneMatch(k -> !k.seenBehind() && (same(k.box(), t.box())
                    || coasting && near(k.box(), t.box()) && !coexisted(k, t)))) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Someone not detected for a while because a person seen beside them for a while now stands in front (overlaps
     * them, feet nearer the camera): still there, for as long as that stays so (up to HIDDEN_MEMORY). A crowd
     * standing together hides its members from each other, and the last to join a group often stops right behind
     * someone; without this they would drop out of the count. A walker counts only after STOPPED_BEHIND out of
     * sight, only behind someone standing, and only if no new track started near where they were lost, on their
     * way: a passer-by crossing behind a person is out of sight for about a second, and may come out as a new
     * track. A walker who walked up (WALKED_UP_HEIGHTS) to someone standing there for a while counts though the two
     * were seen together only briefly (the last to join a group is often found only on their last steps), and,
     * once held, keeps a standing person's tight gate.
     */
    private boolean hidden(TrackState s, Instant at) {
        if (s.hits < 3 || s.lastSeen.equals(at) || s.lastSeen.plus(HIDDEN_MEMORY).isBefore(at)) {
            return false;
        }
        if (s.standing) {
            return inFrontOf(s, at, false);
        }
        return !s.cameOut && !s.lastSeen.plus(STOPPED_BEHIND).isAfter(at) && inFrontOf(s, at, true);
    }

    /**
     * A new track starting near where a walker was lost is that walker coming out (from behind someone): the lost
     * track is not held any more, even once the new one has walked on.
     */
    private void markCameOut(Box d, Instant at, double aspect) {
        for (TrackState s : tracks) {
            if (s.standing || s.lastSeen.equals(at)) {
                continue;
            }
            Box lost = s.box(aspect);
            double dx = (d.centerX() - lost.centerX()) * aspect;
            double dy = d.footY() - lost.footY();
            double apart = Math.hypot(dx, dy) / lost.h();
            // Someone coming out from behind a person keeps walking the way they went; a new track that starts
            // further away behind them (another member of the group found, someone arriving from the other side) is
            // someone else.
            boolean ahead = apart < SAME_SPOT_HEIGHTS || dx * s.seenVx + dy * s.seenVy > 0;
            if (apart < CAME_OUT_HEIGHTS && ahead) {
                s.cameOut = true;
            }
        }
    }

    /**
     * Whether someone seen now, and seen together with {@code s} for a while before {@code s} was lost, stands in
     * front of {@code s}'s box (overlaps it, feet nearer the camera); {@code standingOnly}: only a standing one.
     */
    private boolean inFrontOf(TrackState s, Instant at, boolean standingOnly) {
        Box mine = s.box(s.aspect);
        for (TrackState o : tracks) {
            if (o == s || !o.lastSeen.equals(at) || o.hits < 3 || standingOnly && !o.standing) {
                continue;
            }
            Box front = o.box(s.aspect);
            boolean together = Duration.between(max(s.firstSeen, o.firstSeen), s.lastSeen).compareTo(COEXISTED) >= 0;
            // A walker who walked up to someone standing there since before (and vanished behind them) is someone
            // else however briefly the two were seen together: a second box on the person in front does not travel.
            if (standingOnly && !together) {
                together = Duration.between(o.firstSeen, s.lastSeen).compareTo(COEXISTED) >= 0
                        && s.travelledHeights() >= WALKED_UP_HEIGHTS;
            }
            if (together && front.footY() >= mine.footY() - 0.1 * mine.h()
                    && Nms.intersection(front, mine) >= 0.3 * mine.w() * mine.h()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A person who stood for STILL_STOOD and whom the detector has lost while nothing moved where they stand: HOG
     * misses a still person now and then for seconds (a pose, a shadow, someone half in front), but someone who
     * leaves makes motion where they stood (and so does the background they uncover). Until that happens, for up to
     * OCCLUDED_MEMORY, they are taken to be still there. Unlike {@link #hidden}, a fresh track on the same spot is
     * them found again.
     */
    private boolean stillThere(TrackState s, Instant at) {
        return s.hits >= STILL_HITS && s.standing && !s.disturbed && !s.lastSeen.equals(at)
                && !s.standingSince.plus(STILL_STOOD).isAfter(s.lastSeen)
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

    /**
     * Someone the look behind a group finds counts once found on at least BEHIND_HITS looks and on half the looks
     * since: a person standing there is found on most looks, a lenient window on someone's arm or a child's shoulder
     * now and then.
     */
    private static boolean foundReliably(TrackState s) {
        return s.hits >= BEHIND_HITS && s.hits >= BEHIND_SHARE * s.looks;
    }

    private static boolean coexisted(Track a, Track b) {
        Instant from = max(a.firstSeen(), b.firstSeen());
        Instant to = a.lastSeen().isBefore(b.lastSeen()) ? a.lastSeen() : b.lastSeen();
        return Duration.between(from, to).compareTo(COEXISTED) >= 0;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * Whether someone is not counted yet but may be on the next looks: a track started by a single sighting, or
     * someone the look behind a group found on fewer than BEHIND_HITS looks but on enough of them so far. Worth
     * looking again at once: a group standing still is otherwise looked at only every two seconds, so someone hidden
     * in it would count only after three of those looks.
     */
    public boolean hasUnconfirmed() {
        for (TrackState s : tracks) {
            if (s.hits < 2 || awaitsLookBehind(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether someone counted has been followed for too short a time to tell standing from walking (their recent
     * speed is not known yet): worth looking again at once, because whether they stand still together with others
     * decides the look behind a group, and a group standing still is otherwise looked at only every two seconds.
     */
    public boolean hasUnsettled() {
        return tracks.stream().anyMatch(s -> s.hits >= 2 && Double.isNaN(s.recentSpeed()));
    }

    /** Whether someone found behind a group may count after a few more looks (see {@link #hasUnconfirmed}). */
    private static boolean awaitsLookBehind(TrackState s) {
        return s.seenBehind && !foundReliably(s) && s.hits >= BEHIND_SHARE * s.looks;
    }

    /**
     * Where every track not yet forgotten is expected at {@code at}, tentative and coasting ones included: where a
     * detector should look again (a new track needs a second sighting to count, an occluded one to come back).
     */
    public List<Box> expectedAt(Instant at) {
        List<Box> out = new ArrayList<>(tracks.size());
        for (TrackState s : tracks) {
            out.add(s.track().predictedAt(at));
        }
        return out;
    }

    public List<Box> currentBoxes() {
        return current().stream().map(Track::box).toList();
    }

    private boolean overlapsAny(Box d, Instant at, double aspect) {
        for (TrackState s : tracks) {
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
}
