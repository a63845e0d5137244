package io.gridsense.analytics;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.gridsense.analytics.behavior.BehaviorAnalyzer;
import io.gridsense.analytics.behavior.FightAnalyzer;
import io.gridsense.analytics.behavior.FightClassifier;
import io.gridsense.analytics.behavior.FrameContext;
import io.gridsense.analytics.behavior.GatheringAnalyzer;
import io.gridsense.analytics.behavior.Regions;
import io.gridsense.analytics.motion.DetectionScheduler;
import io.gridsense.analytics.motion.Motion;
import io.gridsense.analytics.motion.MotionGate;
import io.gridsense.analytics.density.HeightModel;
import io.gridsense.analytics.density.Occupancy;
import io.gridsense.analytics.density.OccupancyEstimator;
import io.gridsense.analytics.people.DetectorConfig;
import io.gridsense.analytics.people.PersonDetector;
import io.gridsense.analytics.people.SearchRegions;
import io.gridsense.analytics.rules.RuleSet;
import io.gridsense.analytics.tracking.Track;
import io.gridsense.analytics.tracking.Tracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysis of one camera: frames in (BGR, any size, ~2-5 fps), behaviour events out. Motion gate, person
 * detection (skipped on quiet frames; between periodic whole-frame looks, only around the tracks and the motion;
 * then a closer look behind people standing still in a group), tracking (the people in view, and the people counted,
 * who include those found behind others), occupancy (only when a rule has a density threshold) and the rule
 * analyzers, in that order. One instance
 * per camera, used from one thread; it owns the detector and frees everything native on {@link #close()}.
 */
public final class CameraPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraPipeline.class);
    /** Standing people this close (in person heights) are a group worth a look behind (the gathering link). */
    private static final double GROUP_HEIGHTS = 3.0;
    /** Net displacement over the last ~2 s (own heights per second) below which a person stands still. */
    private static final double STILL_HEIGHTS_PER_S = 0.2;
    /**
     * Share of a person's box that changed since the last analysed frame ({@link MotionGate#changedIn}) from which
     * they move on the spot (fighting, playing) rather than stand: on generated clips, 2 % of the boxes of people
     * standing in a group reach it, 92 % of fighters' (MovingOnTheSpotTest).
     */
    public static final double MOVING_ON_THE_SPOT = 0.2;
    /** Frames wider than this are downscaled first: enough for HOG on people ~100+ px tall, and fast. */
    public static final int ANALYSIS_WIDTH = 640;

    private final PersonDetector detector;
    /** Whether the fight analyzer also scores windows without a close group (see {@link #forClipVerdicts}). */
    private final boolean scoreUngrouped;
    /** The shortest window the fight analyzer scores (shorter for clip verdicts on very short clips). */
    private final Duration fightMinSpan;
    private final MotionGate motionGate = new MotionGate();
    private final DetectionScheduler scheduler = new DetectionScheduler();
    /** The people in view: what the detector schedules its looks by and what the fight layer measures. */
    private final Tracker tracker = new Tracker();
    /**
     * The people counted: those in view and those the look behind a group finds standing hidden behind someone. A
     * tracker of its own, so the hidden ones change neither where the detector looks nor what the fight layer
     * measures (its model was trained on people in view; a hidden person shows no motion of their own).
     */
    private final Tracker counting = new Tracker();
    private final HeightModel heights = new HeightModel();
    private final Mat scaled = new Mat();
    private OccupancyEstimator occupancy;
    private final List<BehaviorAnalyzer> analyzers = new ArrayList<>();
    private final AtomicReference<RuleSet> pendingRules = new AtomicReference<>();
    private long frames;
    private long detections;
    private long betweenFrames;
    private boolean closed;
    private LayerTimings lastTimings = new LayerTimings(0, 0, 0, 0, 0, 0);
    private List<Track> lastTracks = List.of();
    /** Read by the camera's decode thread (see {@link #wantsBetweenFrames()}). */
    private volatile boolean wantsBetween;
    private final Mat betweenGrey = new Mat();

    public CameraPipeline(RuleSet rules, PersonDetector detector) {
        this(rules, detector, false, FightAnalyzer.verdictSpan(Double.POSITIVE_INFINITY));
    }

    private CameraPipeline(RuleSet rules, PersonDetector detector, boolean scoreUngrouped, Duration fightMinSpan) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.scoreUngrouped = scoreUngrouped;
        this.fightMinSpan = fightMinSpan;
        this.pendingRules.set(Objects.requireNonNull(rules, "rules"));
    }

    /** A pipeline with OpenCV's HOG people detector. */
    public static CameraPipeline withDefaults(RuleSet rules) {
        return create(rules, DetectorConfig.hog());
    }

    /**
     * A HOG pipeline whose fight analyzer also measures and scores the motion of a scene without a close group, as
     * {@link #scores()} reports it: the clip-level verdict of short real clips and the classifier's training windows
     * need a score for every clip. A live camera does not: such windows never alarm, and measuring them would
     * spend optical flow on every busy frame.
     */
    public static CameraPipeline forClipVerdicts(RuleSet rules) {
        return forClipVerdicts(rules, Double.POSITIVE_INFINITY);
    }

    /** As {@link #forClipVerdicts(RuleSet)}, for a clip this long: a clip of about a second still gets a score. */
    public static CameraPipeline forClipVerdicts(RuleSet rules, double clipSeconds) {
        return new CameraPipeline(rules, DetectorConfig.hog().create(), true, FightAnalyzer.verdictSpan(clipSeconds));
    }

    /** A pipeline with the configured person detector (HOG, the body cascades or an ONNX model). */
    public static CameraPipeline create(RuleSet rules, DetectorConfig detector) {
        return new CameraPipeline(rules, detector.create());
    }

    /** Replaces the camera's rules; takes effect on the next frame (running timers restart). */
    public void updateRules(RuleSet rules) {
        pendingRules.set(Objects.requireNonNull(rules, "rules"));
    }

    /** Analyses one BGR frame taken at {@code at}; the caller keeps ownership of {@code bgr}. */
    public FrameAnalysis analyse(Mat bgr, Instant at) {
        if (closed) {
            throw new IllegalStateException("pipeline closed");
        }
        if (bgr == null || bgr.empty() || bgr.channels() != 3) {
            throw new IllegalArgumentException("expected a non-empty 3-channel BGR frame");
        }
        applyPendingRules();
        long t0 = System.nanoTime();
        Mat frame = bgr;
        if (bgr.cols() > ANALYSIS_WIDTH) {
            int h = (int) Math.round(bgr.rows() * (double) ANALYSIS_WIDTH / bgr.cols());
            try (Size size = new Size(ANALYSIS_WIDTH, h)) {
                resize(bgr, scaled, size, 0, 0, INTER_AREA);
            }
            frame = scaled;
        }
        long t1 = System.nanoTime();
        Motion motion = motionGate.update(frame);
        long t2 = System.nanoTime();
        List<Track> known = tracker.current();
        List<Box> detected = null;
        List<Box> behind = List.of();
        DetectionScheduler.Plan plan = scheduler.plan(at, motion.fraction(), !known.isEmpty(),
                tracker.hasUnconfirmed() || tracker.hasUnsettled() || counting.hasUnconfirmed());
        if (plan == DetectionScheduler.Plan.FULL) {
            detected = detector.detect(frame, motion.boxes());
            heights.observe(detected); // whole-frame looks only: region looks find the heights they were told to
        } else if (plan == DetectionScheduler.Plan.REGIONS) {
            detected = detector.detectIn(frame, SearchRegions.around(tracker.expectedAt(at), motion.boxes(), heights));
        }
        if (detected != null) {
            scheduler.ran(at, plan);
            detections++;
            List<Box> grouped = standingInGroups(known, frame.cols(), frame.rows(), motionGate);
            if (!grouped.isEmpty()) {
                behind = detector.detectBehind(frame, grouped, detected);
            }
        }
        long t3 = System.nanoTime();
        if (detected != null) {
            double aspect = frame.cols() / (double) frame.rows();
            tracker.update(detected, at, aspect, motion.boxes());
            counting.update(detected, behind, at, aspect, motion.boxes());
        }
        List<Track> inView = tracker.current();
        List<Track> tracks = counting.current();
        List<Box> people = tracks.stream().map(Track::box).toList();
        Occupancy occupied = occupancy == null ? null
                : occupancy.update(motionGate.grey(), detected == null ? List.of() : detected);
        long t4 = System.nanoTime();
        FrameContext ctx = new FrameContext(at, frame.cols(), frame.rows(), motion.fraction(), people,
                motion.boxes(), motionGate.grey(), tracks, occupied);
        FrameContext inViewCtx = new FrameContext(at, frame.cols(), frame.rows(), motion.fraction(),
                inView.stream().map(Track::box).toList(), motion.boxes(), motionGate.grey(), inView, occupied);
        lastTracks = tracks;
        List<BehaviorEvent> events = new ArrayList<>();
        long gatheringNs = 0;
        long fightNs = 0;
        for (BehaviorAnalyzer a : analyzers) {
            long s0 = System.nanoTime();
            events.addAll(a.analyse(a.type() == BehaviorType.GATHERING ? ctx : inViewCtx));
            long d = System.nanoTime() - s0;
            if (a.type() == BehaviorType.GATHERING) {
                gatheringNs += d;
            } else {
                fightNs += d;
            }
        }
        lastTimings = new LayerTimings(t1 - t0, t2 - t1, t3 - t2, t4 - t3, gatheringNs, fightNs);
        wantsBetween = analyzers.stream().anyMatch(BehaviorAnalyzer::wantsBetweenFrames);
        frames++;
        if (LOG.isDebugEnabled()) {
            LOG.debug("frame analysed at={} motion={} people={} events={} detectorRuns={}/{}", at,
                    String.format("%.4f", motion.fraction()), people.size(), events.size(), detections, frames);
        }
        return new FrameAnalysis(at, bgr.cols(), bgr.rows(), motion.fraction(), people, events);
    }

    /**
     * The standing people with another standing person nearby: in such a group someone may stand hidden behind them,
     * which is worth a closer look ({@link PersonDetector#detectBehind}); a lone or passing person is not.
     */
    private static List<Box> standingInGroups(List<Track> tracks, int width, int height, MotionGate gate) {
        List<Box> standing = new ArrayList<>();
        for (Track t : tracks) {
            // Standing still now and over the last two seconds: not strolling (people walking side by side hide
            // each other only for a moment) and not running to and fro on one spot (children playing); a lenient
            // look around people in motion finds more windows than people. Nor moving on the spot: fighters keep
            // their place, and the look behind them cost a busy camera ~13 ms a frame for nobody to count.
            if (t.speedInHeights(width, height) <= Tracker.STANDING_HEIGHTS_PER_S
                    && t.recentSpeed() <= STILL_HEIGHTS_PER_S && gate.changedIn(t.box()) < MOVING_ON_THE_SPOT) {
                standing.add(t.box());
            }
        }
        List<Box> grouped = new ArrayList<>();
        for (Box a : standing) {
            if (standing.stream().anyMatch(b -> b != a && Regions.distanceInHeights(a, b, width, height) <= GROUP_HEIGHTS)) {
                grouped.add(a);
            }
        }
        return grouped;
    }

    /**
     * Whether the camera should hand over the frame midway between this analysed frame and the next one (to
     * {@link #between}): true only while a fight candidate is in view, so a quiet or walking scene costs nothing
     * more. Safe to call from another thread than the analysis.
     */
    public boolean wantsBetweenFrames() {
        return wantsBetween;
    }

    /**
     * A frame between two analysed ones, taken at {@code at}: only the fight stage's optical flow runs on it (a grey
     * copy and one flow on the candidate region, a few ms), which doubles the flow's rate to ~10 pairs a second
     * without running the detector any more often. Ignored when {@link #wantsBetweenFrames()} is false; returns
     * whether the frame was measured.
     */
    public boolean between(Mat bgr, Instant at) {
        if (closed || !wantsBetween || bgr == null || bgr.empty() || bgr.channels() != 3) {
            return false;
        }
        MotionGate.greyOf(bgr, betweenGrey);
        for (BehaviorAnalyzer a : analyzers) {
            if (a.wantsBetweenFrames()) {
                a.between(betweenGrey, at);
            }
        }
        betweenFrames++;
        return true;
    }

    /** Each watched behaviour's score on the last frame (see {@link BehaviorAnalyzer#score()}). */
    public Map<BehaviorType, Double> scores() {
        Map<BehaviorType, Double> out = new EnumMap<>(BehaviorType.class);
        for (BehaviorAnalyzer a : analyzers) {
            out.put(a.type(), a.score());
        }
        return out;
    }

    /**
     * What the rules saw on the last frame, for replaying them at other settings: the gathering group size and
     * queue flag, the fight probability, gates and window start (NaN/false/null where a rule is absent or idle).
     */
    public FrameTrace trace() {
        FrameTrace t = new FrameTrace(0, false, Double.NaN, false, null);
        for (BehaviorAnalyzer a : analyzers) {
            if (a instanceof GatheringAnalyzer g) {
                t = new FrameTrace(g.lastGroupSize(), g.lastGroupIsQueue(), t.fightProbability(), t.fightGatesOk(),
                        t.fightWindowStart());
            } else if (a instanceof FightAnalyzer f && f.lastTrace() != null) {
                t = new FrameTrace(t.group(), t.queue(), f.lastTrace().probability(), f.lastTrace().gatesOk(),
                        f.lastTrace().windowStart());
            }
        }
        return t;
    }

    /** The fight analyzer's window feature vector of the last frame, if it had one (training reads it). */
    public Optional<double[]> fightWindowFeatures() {
        for (BehaviorAnalyzer a : analyzers) {
            if (a instanceof FightAnalyzer f) {
                return Optional.ofNullable(f.lastWindowFeatures());
            }
        }
        return Optional.empty();
    }

    /** The tracks behind the last analysed frame's people, in the same order (for tests and diagnostics). */
    public List<Track> lastTracks() {
        return lastTracks;
    }

    /** Where the last frame's time went, per layer. */
    public LayerTimings lastTimings() {
        return lastTimings;
    }

    /** How many frames were analysed and on how many the person detector ran (the motion gate's saving). */
    public long framesAnalysed() {
        return frames;
    }

    public long detectorRuns() {
        return detections;
    }

    /** How many in-between frames were measured (see {@link #between}). */
    public long betweenFramesMeasured() {
        return betweenFrames;
    }

    private void applyPendingRules() {
        RuleSet rules = pendingRules.getAndSet(null);
        if (rules == null) {
            return;
        }
        analyzers.forEach(BehaviorAnalyzer::close);
        analyzers.clear();
        rules.gatheringRule().ifPresent(r -> {
            analyzers.add(new GatheringAnalyzer(r));
            detector.setSensitivity(r.sensitivity());
        });
        rules.fightRule().ifPresent(r -> analyzers.add(new FightAnalyzer(r, FightClassifier.bundled(), scoreUngrouped,
                fightMinSpan)));
        boolean density = rules.gatheringRule().map(r -> r.usesDensity()).orElse(false);
        if (density && occupancy == null) {
            occupancy = new OccupancyEstimator();
        } else if (!density && occupancy != null) {
            occupancy.close();
            occupancy = null;
        }
        LOG.info("rules applied gathering={} fight={}", rules.gatheringRule().map(r -> r.id()).orElse("-"),
                rules.fightRule().map(r -> r.id()).orElse("-"));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        analyzers.forEach(BehaviorAnalyzer::close);
        analyzers.clear();
        motionGate.close();
        if (occupancy != null) {
            occupancy.close();
        }
        detector.close();
        scaled.close();
        betweenGrey.close();
    }
}
