package io.gridsense.analytics;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.gridsense.analytics.behavior.BehaviorAnalyzer;
import io.gridsense.analytics.behavior.FightAnalyzer;
import io.gridsense.analytics.behavior.FrameContext;
import io.gridsense.analytics.behavior.GatheringAnalyzer;
import io.gridsense.analytics.motion.DetectionScheduler;
import io.gridsense.analytics.motion.Motion;
import io.gridsense.analytics.motion.MotionGate;
import io.gridsense.analytics.people.HogPersonDetector;
import io.gridsense.analytics.people.PersonDetector;
import io.gridsense.analytics.rules.RuleSet;
import io.gridsense.analytics.tracking.Tracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysis of one camera: frames in (BGR, any size, ~2-5 fps), behaviour events out. Motion gate, person
 * detection (skipped on quiet frames), tracking and the rule analyzers, in that order. One instance per camera,
 * used from one thread; it owns the detector and frees everything native on {@link #close()}.
 */
public final class CameraPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraPipeline.class);
    /** Frames wider than this are downscaled first: enough for HOG on people ~100+ px tall, and fast. */
    public static final int ANALYSIS_WIDTH = 640;

    private final PersonDetector detector;
    private final MotionGate motionGate = new MotionGate();
    private final DetectionScheduler scheduler = new DetectionScheduler();
    private final Tracker tracker = new Tracker();
    private final Mat scaled = new Mat();
    private final List<BehaviorAnalyzer> analyzers = new ArrayList<>();
    private final AtomicReference<RuleSet> pendingRules = new AtomicReference<>();
    private long frames;
    private long detections;
    private boolean closed;

    public CameraPipeline(RuleSet rules, PersonDetector detector) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.pendingRules.set(Objects.requireNonNull(rules, "rules"));
    }

    /** A pipeline with OpenCV's HOG people detector. */
    public static CameraPipeline withDefaults(RuleSet rules) {
        return new CameraPipeline(rules, new HogPersonDetector());
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
        Mat frame = bgr;
        if (bgr.cols() > ANALYSIS_WIDTH) {
            int h = (int) Math.round(bgr.rows() * (double) ANALYSIS_WIDTH / bgr.cols());
            try (Size size = new Size(ANALYSIS_WIDTH, h)) {
                resize(bgr, scaled, size, 0, 0, INTER_AREA);
            }
            frame = scaled;
        }
        Motion motion = motionGate.update(frame);
        boolean present = !tracker.current().isEmpty();
        if (scheduler.shouldDetect(at, motion.fraction(), present)) {
            tracker.update(detector.detect(frame), at);
            scheduler.ran(at);
            detections++;
        }
        List<Box> people = tracker.currentBoxes();
        FrameContext ctx = new FrameContext(at, frame.cols(), frame.rows(), motion.fraction(), people,
                motion.boxes(), motionGate.grey());
        List<BehaviorEvent> events = new ArrayList<>();
        for (BehaviorAnalyzer a : analyzers) {
            events.addAll(a.analyse(ctx));
        }
        frames++;
        if (LOG.isDebugEnabled()) {
            LOG.debug("frame analysed at={} motion={} people={} events={} detectorRuns={}/{}", at,
                    String.format("%.4f", motion.fraction()), people.size(), events.size(), detections, frames);
        }
        return new FrameAnalysis(at, bgr.cols(), bgr.rows(), motion.fraction(), people, events);
    }

    /** How many frames were analysed and on how many the person detector ran (the motion gate's saving). */
    public long framesAnalysed() {
        return frames;
    }

    public long detectorRuns() {
        return detections;
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
        rules.fightRule().ifPresent(r -> analyzers.add(new FightAnalyzer(r)));
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
        detector.close();
        scaled.close();
    }
}
