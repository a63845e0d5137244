package io.gridsense.analytics.behavior;

import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.Box;
import io.gridsense.analytics.rules.FightRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fight: fast, disordered and jerky motion among two or more people (or motion blobs) close together, held for
 * the rule's minimum duration. Optical-flow speed, direction entropy, acceleration and coherence are averaged
 * over a 3 s window around the close group; the group must have been together for 2 s and stay roughly in
 * place. Walking people move coherently and steadily and move on, so they fail these tests. A rule-based first
 * version; a trained classifier on the same features replaces the thresholds later.
 */
public final class FightAnalyzer implements BehaviorAnalyzer {
    private static final Logger LOG = LoggerFactory.getLogger(FightAnalyzer.class);
    /** Two people (or blobs) at most this many person heights apart may be fighting. */
    static final double CLOSE_HEIGHTS = 1.2;
    /** A motion blob this wide for its height holds two or more people. */
    static final double WIDE_BLOB = 0.75;
    /** Short lulls in a fight (a clinch, a pause) do not restart the timer. */
    static final Duration DROPOUT = Duration.ofMillis(1200);
    /** Features are averaged over this sliding window (ViF-style), because single frame pairs are noisy. */
    static final Duration WINDOW = Duration.ofSeconds(3);
    /** The close group must have been there for this much of the window: crossing walkers are close ~1-1.5 s. */
    static final Duration MIN_PRESENCE = Duration.ofMillis(2000);
    /** A close group missing for longer than this has split up. */
    static final Duration GROUP_GAP = Duration.ofSeconds(1);
    /** Fighters stay put; a group whose centre drifts more than this many heights over the window is walking. */
    static final double MAX_DRIFT_HEIGHTS = 0.5;
    /**
     * Window-mean thresholds at sensitivity 0.5, calibrated on the rendered scenes (5 fps, 25 s clips, several
     * seeds): speed in heights/s, direction entropy 0..1, acceleration along the motion relative to speed,
     * and a ceiling on coherence.
     */
    static final double SPEED = 0.3;
    static final double ENTROPY = 0.45;
    static final double ACCELERATION = 0.95;
    static final double MAX_COHERENCE = 0.85;

    private record Sample(Instant at, MotionEnergy.Features f, Box region, double heightPx) {
    }

    private final FightRule rule;
    private final HoldTimer timer;
    private final MotionEnergy energy = new MotionEnergy();
    private final Deque<Sample> window = new ArrayDeque<>();
    private final double scale;
    private int peopleInvolved;
    private Box lastRegion;
    private double lastScore;
    private Instant lastCandidateAt;
    private MotionEnergy.Features lastFeatures;

    public FightAnalyzer(FightRule rule) {
        this.rule = rule;
        this.timer = new HoldTimer(rule.minDuration(), DROPOUT, rule.repeatInterval());
        // Sensitivity 0.5 keeps the calibrated thresholds; 1.0 lowers them by a third, 0 raises them by half.
        this.scale = rule.sensitivity() >= 0.5 ? 1 - (rule.sensitivity() - 0.5) * 0.66 : 1 + (0.5 - rule.sensitivity());
    }

    @Override
    public List<BehaviorEvent> analyse(FrameContext frame) {
        if (frame.grey() == null) {
            return List.of();
        }
        Instant at = frame.at();
        while (!window.isEmpty() && window.peekFirst().at().isBefore(at.minus(WINDOW))) {
            window.removeFirst();
        }
        Candidate c = candidate(frame);
        lastFeatures = null;
        if (c == null) {
            energy.skip(frame.grey(), at);
            // The group has gone (walked apart): its window must not carry over to whoever comes next.
            if (lastCandidateAt == null || Duration.between(lastCandidateAt, at).compareTo(GROUP_GAP) > 0) {
                window.clear();
            }
        } else {
            lastCandidateAt = at;
            double heightPx = c.personHeight() * frame.grey().rows();
            MotionEnergy.Features f = energy.measure(frame.grey(), at, c.region(), heightPx);
            lastFeatures = f;
            if (f != null && !Double.isNaN(f.acceleration())) {
                window.addLast(new Sample(at, f, c.region(), c.personHeight() * frame.height()));
                peopleInvolved = c.people();
            }
        }
        double score = c == null ? 0 : windowScore(frame.width(), frame.height());
        boolean violent = score >= 1;
        if (violent) {
            lastRegion = window.peekLast().region();
            lastScore = score;
        }
        Optional<Instant> start = timer.update(violent, at);
        if (start.isEmpty()) {
            return List.of();
        }
        double confidence = Math.max(0.5, Math.min(1, 0.6 + 0.4 * (lastScore - 1)));
        LOG.info("fight detected rule={} people={} startedAt={} confidence={}", rule.id(), peopleInvolved,
                start.get(), String.format("%.2f", confidence));
        return List.of(new BehaviorEvent(BehaviorType.FIGHT, rule.id(), start.get(), at, confidence,
                Math.max(2, peopleInvolved), Regions.polygon(lastRegion)));
    }

    /**
     * How violent the window is: the smallest of the feature/threshold ratios (1 or more passes every test), or 0
     * when the close group has not been there long enough or is moving along (walking together).
     */
    private double windowScore(int width, int height) {
        if (window.size() < 4) {
            return 0;
        }
        Sample first = window.peekFirst();
        Sample last = window.peekLast();
        if (Duration.between(first.at(), last.at()).compareTo(MIN_PRESENCE) < 0) {
            return 0;
        }
        double meanH = window.stream().mapToDouble(Sample::heightPx).average().orElse(1);
        double drift = Math.hypot((last.region().centerX() - first.region().centerX()) * width,
                (last.region().centerY() - first.region().centerY()) * height) / Math.max(1, meanH);
        if (drift > MAX_DRIFT_HEIGHTS) {
            return 0;
        }
        double speed = window.stream().mapToDouble(s -> s.f().speed()).average().orElse(0);
        double entropy = window.stream().mapToDouble(s -> s.f().entropy()).average().orElse(0);
        double acc = window.stream().mapToDouble(s -> s.f().acceleration()).average().orElse(0);
        double coherence = window.stream().mapToDouble(s -> s.f().coherence()).average().orElse(1);
        return Math.min(Math.min(speed / (SPEED * scale), entropy / (ENTROPY * Math.min(1, scale))),
                Math.min(acc / (ACCELERATION * scale), MAX_COHERENCE / Math.max(1e-3, coherence * scale)));
    }

    /** The features of the last frame (null when there was no candidate); for logs and calibration. */
    public MotionEnergy.Features lastFeatures() {
        return lastFeatures;
    }

    private record Candidate(Box region, double personHeight, int people) {
    }

    /** The region where two or more people (or motion blobs) are close together, or null. */
    private Candidate candidate(FrameContext f) {
        List<Box> people = inRegion(f.people());
        List<Box> close = closeGroup(people, f);
        if (close.size() >= 2) {
            double h = close.stream().mapToDouble(Box::h).average().orElse(0);
            return new Candidate(expand(Regions.union(close), 0.15), h, close.size());
        }
        List<Box> blobs = inRegion(f.motionBoxes());
        List<Box> closeBlobs = closeGroup(blobs, f);
        if (closeBlobs.size() >= 2) {
            double h = closeBlobs.stream().mapToDouble(Box::h).max().orElse(0);
            return new Candidate(expand(Regions.union(closeBlobs), 0.1), h, closeBlobs.size());
        }
        // Two people grappling merge into one wide blob; a single walker's blob is narrow.
        for (Box b : blobs) {
            double aspect = b.w() * f.width() / Math.max(1e-6, b.h() * f.height());
            if (aspect >= WIDE_BLOB && b.h() >= 0.15) {
                return new Candidate(expand(b, 0.1), b.h(), 2);
            }
        }
        return null;
    }

    private List<Box> inRegion(List<Box> boxes) {
        List<Box> out = new ArrayList<>();
        for (Box b : boxes) {
            if (Regions.contains(rule.region(), b)) {
                out.add(b);
            }
        }
        return out;
    }

    /** The members of all close pairs (within CLOSE_HEIGHTS), merged. */
    private static List<Box> closeGroup(List<Box> boxes, FrameContext f) {
        List<Box> out = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                if (Regions.distanceInHeights(boxes.get(i), boxes.get(j), f.width(), f.height()) <= CLOSE_HEIGHTS) {
                    if (!out.contains(boxes.get(i))) {
                        out.add(boxes.get(i));
                    }
                    if (!out.contains(boxes.get(j))) {
                        out.add(boxes.get(j));
                    }
                }
            }
        }
        return out;
    }

    private static Box expand(Box b, double margin) {
        double mx = b.w() * margin;
        double my = b.h() * margin;
        double x0 = Math.max(0, b.x() - mx);
        double y0 = Math.max(0, b.y() - my);
        double x1 = Math.min(1, b.x() + b.w() + mx);
        double y1 = Math.min(1, b.y() + b.h() + my);
        return new Box(x0, y0, x1 - x0, y1 - y0, b.score());
    }

    @Override
    public void close() {
        energy.close();
    }
}
