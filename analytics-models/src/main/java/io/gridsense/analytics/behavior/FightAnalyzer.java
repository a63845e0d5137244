package io.gridsense.analytics.behavior;

import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.BehaviorType;
import io.gridsense.analytics.Box;
import io.gridsense.analytics.rules.FightRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fight: violent, chaotic motion among two or more people (or motion blobs) close together, held for the rule's
 * minimum duration (counted from the first violent window). Per frame, {@link MotionEnergy} measures optical-flow
 * features in the close group's region (and, only for clip-level verdicts and training, when no close group is found
 * the region around everyone and all motion: real fights are often too small or occluded for the people detector,
 * see {@link FightCandidates}; such windows never alarm, so a live camera does not spend flow on them);
 * over a 2 s sliding window they become a {@link FightFeatures} vector that the trained {@link FightClassifier}
 * scores. The group must have been there for most of the window and stay roughly in place (walkers move on).
 */
public final class FightAnalyzer implements BehaviorAnalyzer {
    private static final Logger LOG = LoggerFactory.getLogger(FightAnalyzer.class);
    /** Short lulls in a fight (a clinch, a pause) do not restart the timer. */
    static final Duration DROPOUT = Duration.ofMillis(1200);
    /** Features are averaged over this sliding window (ViF-style), because single frame pairs are noisy. */
    static final Duration WINDOW = Duration.ofSeconds(2);
    /** A window shorter than this is not scored at all (too few flow fields to say anything). */
    static final Duration MIN_SPAN = Duration.ofMillis(1000);
    /** Clip verdicts on clips too short for a MIN_SPAN window score windows down to this span. */
    private static final Duration SHORTEST_SPAN = Duration.ofMillis(400);
    /**
     * What a clip's windows lose at its ends: the first frame only starts the motion gate and the flow, the first
     * flow field has no acceleration yet (~0.3 s in at 10 pairs a second), and the last analysed frame can come up to
     * one analysis step (0.2 s) before the clip ends.
     */
    private static final Duration CLIP_EDGES = Duration.ofMillis(550);
    /** For an alarm the close group must have been there this long: crossing walkers are close ~1-1.5 s. */
    static final Duration MIN_PRESENCE = Duration.ofMillis(1600);
    /** A close group missing for longer than this has split up. */
    static final Duration GROUP_GAP = Duration.ofSeconds(1);
    /** Fighters stay put; a group whose centre drifts more than this many heights over the window is walking. */
    static final double MAX_DRIFT_HEIGHTS = 0.6;

    /** The last frame's decision inputs, for replaying the rule at other settings (sensitivity sweeps). */
    public record Trace(double probability, boolean gatesOk, Instant windowStart) {
    }

    private record Sample(Instant at, MotionEnergy.Features f, Box region, double heightPx, boolean close) {
    }

    private final FightRule rule;
    private final HoldTimer timer;
    private final MotionEnergy energy = new MotionEnergy();
    private final FightCandidates candidates;
    private final Optional<FightClassifier> classifier;
    private final double threshold;
    /** Whether windows are measured without a close group too (clip-level verdicts and training; never alarms). */
    private final boolean scoreUngrouped;
    private final Duration minSpan;
    private final Deque<Sample> window = new ArrayDeque<>();
    private int peopleInvolved;
    private Box lastRegion;
    private double lastProbability;
    private double frameScore;
    private Instant lastCandidateAt;
    /** The last analysed frame's candidate (null when none): in-between frames are measured in its region. */
    private FightCandidates.Candidate current;
    private double currentHeightPx;
    /** Since when a close group (not the fallback region) has been there, gaps up to GROUP_GAP tolerated. */
    private Instant closeSince;
    private Instant lastCloseAt;
    private double[] lastVector;
    private Trace lastTrace;

    /** A fight analyzer scoring with the shipped model. */
    public FightAnalyzer(FightRule rule) {
        this(rule, FightClassifier.bundled());
    }

    /** A live camera's fight analyzer: flow is measured only while a close group is there. */
    public FightAnalyzer(FightRule rule, Optional<FightClassifier> classifier) {
        this(rule, classifier, false);
    }

    /**
     * With {@code scoreUngrouped}, the region around everyone and all motion is measured and scored when no close
     * group is there, so that every clip gets a score; such windows never alarm.
     */
    public FightAnalyzer(FightRule rule, Optional<FightClassifier> classifier, boolean scoreUngrouped) {
        this(rule, classifier, scoreUngrouped, MIN_SPAN);
    }

    /** As above, scoring windows of at least {@code minSpan} (see {@link #verdictSpan}). */
    public FightAnalyzer(FightRule rule, Optional<FightClassifier> classifier, boolean scoreUngrouped, Duration minSpan) {
        this.rule = rule;
        this.scoreUngrouped = scoreUngrouped;
        this.minSpan = minSpan;
        this.classifier = classifier;
        this.candidates = new FightCandidates(rule.region());
        this.timer = new HoldTimer(rule.minDuration(), DROPOUT, rule.repeatInterval());
        this.threshold = threshold(rule.sensitivity());
    }

    /**
     * The shortest window that a clip verdict scores on a clip this long: MIN_SPAN, or for a clip too short to hold
     * one (under ~1.55 s), as long a window as the clip holds, at least SHORTEST_SPAN; without it such a clip gets no
     * score at all and counts as calm.
     */
    public static Duration verdictSpan(double clipSeconds) {
        long ms = Math.round(clipSeconds * 1000) - CLIP_EDGES.toMillis();
        return Duration.ofMillis(Math.max(SHORTEST_SPAN.toMillis(), Math.min(MIN_SPAN.toMillis(), ms)));
    }

    /** The probability a window needs: 0.5 at sensitivity 0.5, 0.9 at 0, 0.1 at 1 (linear). */
    public static double threshold(double sensitivity) {
        return Math.max(0.1, Math.min(0.9, 0.5 + (0.5 - sensitivity) * 0.8));
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
        FightCandidates.Candidate c = candidates.find(frame);
        if (c != null && c.fallback() && !scoreUngrouped) {
            c = null;
        }
        lastVector = null;
        current = c;
        if (c == null) {
            energy.skip(frame.grey(), at);
            // The group has gone (walked apart): its window must not carry over to whoever comes next.
            if (lastCandidateAt == null || Duration.between(lastCandidateAt, at).compareTo(GROUP_GAP) > 0) {
                window.clear();
            }
        } else {
            lastCandidateAt = at;
            if (!c.fallback()) {
                if (lastCloseAt == null || Duration.between(lastCloseAt, at).compareTo(GROUP_GAP) > 0) {
                    closeSince = at;
                }
                lastCloseAt = at;
            }
            currentHeightPx = c.personHeight() * frame.height();
            measure(frame.grey(), at, c);
            peopleInvolved = c.people();
        }
        frameScore = 0;
        lastTrace = null;
        boolean violent = false;
        if (c != null && window.size() >= 4 && span().compareTo(minSpan) >= 0) {
            double drift = drift(window, frame.width(), frame.height());
            lastVector = FightFeatures.of(window.stream().map(Sample::f).toList(), span().toMillis() / 1000.0, drift);
            double p = classifier.map(m -> m.probability(lastVector)).orElseGet(() -> fallback(lastVector));
            frameScore = p / threshold;
            // An alarm needs a close group (the design's "violent motion among close people"): the fallback region
            // (everyone and all motion) scores a window for clip-level verdicts but alone never alarms, because
            // children playing or a crowd milling about move as chaotically as a brawl without anyone close.
            List<Sample> close = window.stream().filter(Sample::close).toList();
            boolean gates = !c.fallback() && closeSince != null
                    && Duration.between(closeSince, at).compareTo(MIN_PRESENCE) >= 0 && close.size() >= 2
                    && drift(close, frame.width(), frame.height()) <= MAX_DRIFT_HEIGHTS;
            violent = p >= threshold && gates;
            if (LOG.isDebugEnabled()) {
                LOG.debug("fight window at={} p={} gates={} fallback={} closeSamples={} samples={} closeSince={}", at,
                        String.format("%.2f", p), gates, c.fallback(), close.size(), window.size(), closeSince);
            }
            lastTrace = new Trace(p, gates, window.peekFirst().at());
            if (violent) {
                lastRegion = window.peekLast().region();
                lastProbability = p;
            }
        }
        // The episode starts at the first violent window, not at that window's start: back-dating let a crowd of
        // walkers that looked violent for ~1.5 s (vtest.avi) reach a 3 s minimum duration.
        Optional<Instant> start = timer.update(violent, at);
        if (start.isEmpty()) {
            return List.of();
        }
        double confidence = Math.max(0.5, Math.min(1, lastProbability));
        LOG.info("fight detected rule={} people={} startedAt={} confidence={}", rule.id(), peopleInvolved,
                start.get(), String.format("%.2f", confidence));
        return List.of(new BehaviorEvent(BehaviorType.FIGHT, rule.id(), start.get(), at, confidence,
                Math.max(2, peopleInvolved), Regions.polygon(lastRegion)));
    }

    /** In-between frames are wanted while a candidate is there: the window then holds ~10 frame pairs a second. */
    @Override
    public boolean wantsBetweenFrames() {
        return current != null;
    }

    /** Measures the flow of a frame between two analysed ones in the last candidate's region (no decision). */
    @Override
    public void between(Mat grey, Instant at) {
        if (current != null) {
            measure(grey, at, current);
        }
    }

    private void measure(Mat grey, Instant at, FightCandidates.Candidate c) {
        MotionEnergy.Features f = energy.measure(grey, at, c.region(), c.personHeight() * grey.rows());
        if (f != null && !Double.isNaN(f.acceleration())) {
            window.addLast(new Sample(at, f, c.region(), currentHeightPx, !c.fallback()));
        }
    }

    private Duration span() {
        return window.isEmpty() ? Duration.ZERO : Duration.between(window.peekFirst().at(), window.peekLast().at());
    }

    /** How far (in person heights) the group's centre moved from the first to the last of these samples. */
    private static double drift(java.util.Collection<Sample> samples, int width, int height) {
        Sample first = samples.iterator().next();
        Sample last = samples.stream().reduce((a, b) -> b).orElseThrow();
        double meanH = samples.stream().mapToDouble(Sample::heightPx).average().orElse(1);
        return Math.hypot((last.region().centerX() - first.region().centerX()) * width,
                (last.region().centerY() - first.region().centerY()) * height) / Math.max(1, meanH);
    }

    /**
     * Without a trained model (only while bootstrapping the first training run): fast, disordered and jerky motion
     * by fixed thresholds on the window means, as a pseudo-probability.
     */
    private static double fallback(double[] v) {
        double speed = Math.expm1(v[0]);
        double entropy = v[3];
        double acc = Math.expm1(v[5]);
        double coherence = v[8];
        double s = Math.min(Math.min(speed / 0.3, entropy / 0.45), Math.min(acc / 0.95, 0.85 / Math.max(1e-3, coherence)));
        return Math.max(0, Math.min(1, 0.5 * s));
    }

    @Override
    public BehaviorType type() {
        return BehaviorType.FIGHT;
    }

    /** The last window's probability over the rule's threshold (1 or more is violent), ignoring presence and drift. */
    @Override
    public double score() {
        return frameScore;
    }

    /** The last frame's probability, gates and window start; null when no window was scored. */
    public Trace lastTrace() {
        return lastTrace;
    }

    /** The last frame's window feature vector, or null when there was none (for training and calibration). */
    public double[] lastWindowFeatures() {
        return lastVector == null ? null : lastVector.clone();
    }

    @Override
    public void close() {
        energy.close();
    }
}
