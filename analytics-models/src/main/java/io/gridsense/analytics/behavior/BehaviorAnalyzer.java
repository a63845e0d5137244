package io.gridsense.analytics.behavior;

import io.gridsense.analytics.BehaviorEvent;
import io.gridsense.analytics.BehaviorType;
import java.time.Instant;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/** One behaviour rule applied frame by frame; raises an event when the behaviour has held long enough. */
public interface BehaviorAnalyzer extends AutoCloseable {

    /** Looks at one frame; returns the events raised on it (usually none). */
    List<BehaviorEvent> analyse(FrameContext frame);

    /** The behaviour this analyzer watches for. */
    BehaviorType type();

    /**
     * How strongly the last frame showed the behaviour, relative to the rule's threshold (1 or more passes it),
     * ignoring the minimum duration: the clip-level verdict of short clips and the sensitivity curves use it.
     */
    default double score() {
        return 0;
    }

    /**
     * Whether the analyzer wants the frame between this analysed frame and the next (see {@link #between}): motion
     * statistics need more frame pairs than the rest of the pipeline needs frames.
     */
    default boolean wantsBetweenFrames() {
        return false;
    }

    /** A frame between two analysed ones (the motion gate's blurred grey frame); only flow is measured on it. */
    default void between(Mat grey, Instant at) {
    }

    /** Frees native resources. */
    @Override
    default void close() {
    }
}
