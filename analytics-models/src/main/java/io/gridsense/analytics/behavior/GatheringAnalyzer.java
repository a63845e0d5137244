package io.gridsense.analytics.behavior;

import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.Box;
import io.gridsense.analytics.rules.GatheringRule;
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
 * rule's repeat interval.
 */
public final class GatheringAnalyzer implements BehaviorAnalyzer {
    private static final Logger LOG = LoggerFactory.getLogger(GatheringAnalyzer.class);
    /** People this close (in person heights, on the ground plane) belong to one group. */
    static final double LINK_HEIGHTS = 3.0;
    /** A missed person or a gap in detection this short does not restart the timer. */
    static final Duration DROPOUT = Duration.ofSeconds(2);

    private final GatheringRule rule;
    private final HoldTimer timer;

    public GatheringAnalyzer(GatheringRule rule) {
        this.rule = rule;
        this.timer = new HoldTimer(rule.minDuration(), DROPOUT, rule.repeatInterval());
    }

    @Override
    public List<BehaviorEvent> analyse(FrameContext frame) {
        List<Box> inside = new ArrayList<>();
        for (Box p : frame.people()) {
            if (Regions.contains(rule.region(), p)) {
                inside.add(p);
            }
        }
        List<Box> group = largestCluster(inside, frame.width(), frame.height());
        boolean gathered = group.size() >= rule.minPeople();
        Optional<Instant> start = timer.update(gathered, frame.at());
        if (start.isEmpty()) {
            return List.of();
        }
        double meanScore = group.stream().mapToDouble(Box::score).average().orElse(0);
        double confidence = Math.min(1, 0.5 + 0.3 * meanScore + 0.05 * (group.size() - rule.minPeople()));
        BehaviorEvent event = new BehaviorEvent(BehaviorType.GATHERING, rule.id(), start.get(), frame.at(),
                confidence, group.size(), Regions.polygon(Regions.union(group)));
        LOG.info("gathering detected rule={} people={} startedAt={} confidence={}", rule.id(), group.size(),
                start.get(), String.format("%.2f", confidence));
        return List.of(event);
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
