package io.gridsense.analytics.behavior;

import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.Box;
import io.gridsense.analytics.rules.GatheringRule;
import io.gridsense.analytics.tracking.Tracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathering: a cluster of at least {@code minPeople} people (each within ~3 person heights of another member)
 * standing inside the rule's region for {@code minDuration}, tolerating short dropouts; then quiet for the
 * rule's repeat interval. With a density threshold, a region whose occupancy stays at or above it also counts (a
 * crowd too dense for the detector to separate people in).
 */
public final class GatheringAnalyzer implements BehaviorAnalyzer {
    private static final Logger LOG = LoggerFactory.getLogger(GatheringAnalyzer.class);
    /** People this close (in person heights, on the ground plane) belong to one group. */
    static final double LINK_HEIGHTS = 3.0;
    /** Slower than this (own heights per second) a person is standing, not passing by: the tracker's own threshold. */
    static final double STANDING_HEIGHTS_PER_S = Tracker.STANDING_HEIGHTS_PER_S;
    /** A missed person or a gap in detection this short does not restart the timer. */
    static final Duration DROPOUT = Duration.ofSeconds(2);

    private final GatheringRule rule;
    private final HoldTimer timer;
    private double lastScore;
    private int lastGroup;
    private boolean lastQueue;
    private double lastDensity = Double.NaN;

    public GatheringAnalyzer(GatheringRule rule) {
        this.rule = rule;
        this.timer = new HoldTimer(rule.minDuration(), DROPOUT, rule.repeatInterval());
    }

    @Override
    public List<BehaviorEvent> analyse(FrameContext frame) {
        List<Box> inside = new ArrayList<>();
        for (int i = 0; i < frame.people().size(); i++) {
            Box p = frame.people().get(i);
            // People walking past are not gathering, however many of them there are: only those who stay count.
            if (Regions.contains(rule.region(), p) && frame.settledSpeedInHeights(i) <= STANDING_HEIGHTS_PER_S) {
                inside.add(p);
            }
        }
        // An upper body whose legs something hides stands among its neighbours, not behind them.
        inside = PartialBoxes.wholePeople(inside, frame.width() / (double) frame.height());
        List<Box> group = largestCluster(inside, frame.width(), frame.height());
        lastScore = group.size() / (double) rule.minPeople();
        // An orderly queue is many people standing close for a long time, but not a gathering.
        lastGroup = group.size();
        lastQueue = QueueShape.isQueue(group, frame.width(), frame.height());
        boolean gathered = group.size() >= rule.minPeople() && !lastQueue;
        if (LOG.isDebugEnabled()) {
            StringBuilder speeds = new StringBuilder();
            for (int i = 0; i < frame.people().size(); i++) {
                Box p = frame.people().get(i);
                speeds.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.2f/%.2f@%.2f:%.2f",
                        frame.speedInHeights(i), frame.settledSpeedInHeights(i), p.centerX(), p.footY()));
            }
            LOG.debug("gathering frame at={} people={} standing={} group={} queue={} speeds={}", frame.at(),
                    frame.people().size(), inside.size(), group.size(), lastQueue, speeds);
        }
        double crowdEstimate = Double.NaN;
        lastDensity = Double.NaN;
        if (rule.usesDensity() && frame.occupancy() != null) {
            lastDensity = frame.occupancy().density(rule.region());
            crowdEstimate = frame.occupancy().peopleEquivalent(rule.region());
            lastScore = Math.max(lastScore, lastDensity / rule.minDensity());
            gathered |= lastDensity >= rule.minDensity();
        }
        if (!gathered) {
            lastScore = Math.min(lastScore, 0.99);
        }
        Optional<Instant> start = timer.update(gathered, frame.at());
        if (start.isEmpty()) {
            return List.of();
        }
        double meanScore = group.stream().mapToDouble(Box::score).average().orElse(0);
        double confidence = Math.min(1, 0.5 + 0.3 * meanScore + 0.05 * (group.size() - rule.minPeople()));
        int people = group.size();
        List<io.gridsense.analytics.Point> where = Regions.polygon(Regions.union(group));
        // Count-only rules (and frames bridged by the dropout allowance) keep the group's count and place.
        boolean byDensity = lastDensity >= rule.minDensity() && (group.size() < rule.minPeople() || lastQueue);
        if (byDensity) {
            // Fired on density: the count is the occupancy's estimate, the place the rule's region.
            people = Double.isFinite(crowdEstimate) ? Math.max(people, (int) Math.round(crowdEstimate)) : people;
            confidence = Math.min(1, 0.5 + 0.3 * Math.min(1, lastDensity - rule.minDensity() + 0.5));
            where = rule.region().isEmpty() ? Regions.polygon(new Box(0, 0, 1, 1, 1)) : rule.region();
        }
        BehaviorEvent event = new BehaviorEvent(BehaviorType.GATHERING, rule.id(), start.get(), frame.at(),
                confidence, people, where);
        LOG.info("gathering detected rule={} people={} density={} startedAt={} confidence={}", rule.id(), people,
                String.format("%.2f", lastDensity), start.get(), String.format("%.2f", confidence));
        return List.of(event);
    }

    /** Size of the last frame's largest group of standing people, and whether it was a queue (for replays). */
    public int lastGroupSize() {
        return lastGroup;
    }

    /** The last frame's density in the rule's region (NaN when the rule has no density threshold). */
    public double lastDensity() {
        return lastDensity;
    }

    public boolean lastGroupIsQueue() {
        return lastQueue;
    }

    @Override
    public BehaviorType type() {
        return BehaviorType.GATHERING;
    }

    @Override
    public double score() {
        return lastScore;
    }

    /** The largest connected group where members link when within LINK_HEIGHTS of each other. */
    static List<Box> largestCluster(List<Box> people, int width, int height) {
        int n = people.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (Regions.distanceInHeights(people.get(i), people.get(j), width, height) <= LINK_HEIGHTS) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        int[] size = new int[n];
        int best = -1;
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            size[r]++;
            if (best < 0 || size[r] > size[best]) {
                best = r;
            }
        }
        List<Box> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (find(parent, i) == best) {
                out.add(people.get(i));
            }
        }
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
