package io.gridsense.analytics.people;

import io.gridsense.analytics.Box;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/** Finds people in one BGR frame; the layer that a better model (e.g. an ONNX YOLO) replaces. */
public interface PersonDetector extends AutoCloseable {

    /** The people in the frame as normalised boxes with scores in 0..1; must not retain or free {@code bgr}. */
    List<Box> detect(Mat bgr);

    /**
     * As {@link #detect(Mat)}, with the frame's motion blobs (normalised) as a hint where small people may be; a
     * detector that cannot use the hint ignores it.
     */
    default List<Box> detect(Mat bgr, List<Box> motion) {
        return detect(bgr);
    }

    /**
     * The people in (or overlapping) the given regions, at the heights each allows: the cheap look between whole-frame
     * looks. A detector that cannot look at parts of a frame returns the whole frame's people, which is also correct.
     */
    default List<Box> detectIn(Mat bgr, List<SearchRegion> regions) {
        return detect(bgr);
    }

    /**
     * People partly hidden behind the given {@code standing} people (normalised boxes), who are not among
     * {@code seen} (this frame's detections): the closer look a detector that needs whole bodies takes at a group.
     * Default: none (a detector that copes with occlusion finds them in {@link #detect}).
     */
    default List<Box> detectBehind(Mat bgr, List<Box> standing, List<Box> seen) {
        return List.of();
    }

    /** 0..1: higher finds more people at the cost of more false positives. Default: ignored. */
    default void setSensitivity(double sensitivity) {
    }

    /** Frees native resources. */
    @Override
    default void close() {
    }
}
