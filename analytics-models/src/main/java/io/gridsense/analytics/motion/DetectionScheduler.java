package io.gridsense.analytics.motion;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides per frame whether the (expensive) person detector runs, and how: while there is motion or shortly after
 * it, and at least every {@code refresh} while people are known to be present, because a crowd standing still
 * makes little motion but must still be counted. A quiet, empty camera runs it 2 s after its first frame and then
 * only every {@code IDLE_LOOK} (people who stood still from the start make no motion). When it runs, it looks only
 * where people can be (around the tracks and the motion blobs), and over the whole frame every {@code fullEvery}
 * (or every tenth look, when looks are rarer than that): the regions miss someone whose blob misleads (two people at different depths merged into one
 * blob, a person who moved little), and the periodic whole-frame look finds them, as Frigate's region detection does.
 */
public final class DetectionScheduler {
    /** Minimum moving share of the frame that counts as motion. */
    static final double MOTION_MIN = 0.001;
    /** Region looks between two whole-frame looks, at least (see {@link #plan}). */
    static final int MIN_RUNS_BETWEEN_FULL = 10;
    /** A whole-frame look at least this often, however few looks there were (a still group is looked at rarely). */
    static final Duration FULL_AT_LEAST = Duration.ofSeconds(10);
    /** A camera where nothing moves and nobody is known is still looked at this often. */
    static final Duration IDLE_LOOK = Duration.ofSeconds(20);
    /**
     * A camera that has not looked by this long after its first frame looks once: not on the first frame itself,
     * where a moving scene's first look comes with its motion anyway and the motion model has no background yet.
     */
    static final Duration FIRST_IDLE_LOOK = Duration.ofSeconds(2);

    /** What the detector does on one frame. */
    public enum Plan {
        /** Nothing: no motion and no one to refresh. */
        SKIP,
        /** Look only in the regions around the tracks and the motion blobs. */
        REGIONS,
        /** Look at the whole frame. */
        FULL
    }

    private final Duration hangover;
    private final Duration refresh;
    private final Duration fullEvery;
    private Instant lastMotion;
    private Instant lastRun;
    private Instant lastFull;
    private int runsSinceFull;
    /** Whether the planned look is only the quiet camera's periodic one (see {@link #ran(Instant, Plan)}). */
    private boolean idleLook;
    private Instant firstFrame;

    public DetectionScheduler() {
        this(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    public DetectionScheduler(Duration hangover, Duration refresh, Duration fullEvery) {
        this.hangover = hangover;
        this.refresh = refresh;
        this.fullEvery = fullEvery;
    }

    /** Whether to detect on this frame; call {@link #ran} when it did. */
    public boolean shouldDetect(Instant at, double motionFraction, boolean peoplePresent) {
        return shouldDetect(at, motionFraction, peoplePresent, false);
    }

    /**
     * As above; {@code unconfirmed}: someone may count after the next look (found once and not yet seen again,
     * found behind a group and not yet counted, or followed too briefly to tell standing from walking; see the
     * trackers' {@code hasUnconfirmed} and {@code hasUnsettled}), so look again now rather than at the next refresh,
     * by which time a still person's first sighting would be forgotten.
     */
    public boolean shouldDetect(Instant at, double motionFraction, boolean peoplePresent, boolean unconfirmed) {
        if (motionFraction >= MOTION_MIN) {
            lastMotion = at;
        }
        boolean moving = lastMotion != null && !at.isAfter(lastMotion.plus(hangover));
        boolean due = peoplePresent && (lastRun == null || !at.isBefore(lastRun.plus(refresh)));
        // A crowd already standing when the camera starts (or that formed while it was dark) makes no motion: the
        // background model takes it in as background. So a camera that has not looked within FIRST_IDLE_LOOK of its
        // first frame looks then, and a quiet camera again every IDLE_LOOK, a few ms a second that it can afford.
        if (firstFrame == null) {
            firstFrame = at;
        }
        boolean idle = lastRun == null ? !at.isBefore(firstFrame.plus(FIRST_IDLE_LOOK))
                : !at.isBefore(lastRun.plus(IDLE_LOOK));
        idleLook = idle && !moving && !due && !unconfirmed;
        return moving || due || idle || unconfirmed;
    }

    /** The plan for this frame; call {@link #ran(Instant, Plan)} with what was done. */
    public Plan plan(Instant at, double motionFraction, boolean peoplePresent) {
        return plan(at, motionFraction, peoplePresent, false);
    }

    /** As above, looking again at once while someone is {@code unconfirmed} (see above). */
    public Plan plan(Instant at, double motionFraction, boolean peoplePresent, boolean unconfirmed) {
        if (!shouldDetect(at, motionFraction, peoplePresent, unconfirmed)) {
            return Plan.SKIP;
        }
        // Also at least MIN_RUNS_BETWEEN_FULL looks apart: a box too loaded to analyse 5 fps (a camera analysed at
        // 1 fps) would otherwise spend every third look on the whole frame, the dearest look, and fall further behind.
        // But a group standing still makes no motion, so it is looked at only every `refresh`: ten looks would be
        // 20 s, and a member hidden at the first look would stay uncounted that long.
        boolean due = lastFull == null || !at.isBefore(lastFull.plus(fullEvery))
                && (runsSinceFull >= MIN_RUNS_BETWEEN_FULL || !at.isBefore(lastFull.plus(FULL_AT_LEAST)));
        return due ? Plan.FULL : Plan.REGIONS;
    }

    public void ran(Instant at) {
        ran(at, Plan.FULL);
    }

    /** Records a detector run of the given plan. */
    public void ran(Instant at, Plan done) {
        lastRun = at;
        if (idleLook) {
            // A quiet camera's periodic look does not start the whole-frame cycle: when motion comes, its first
            // look is still a whole-frame one.
            return;
        }
        runsSinceFull++;
        if (done == Plan.FULL) {
            lastFull = at;
            runsSinceFull = 0;
        }
    }
}
