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

    /** 0..1: higher finds more people at the cost of more false positives. Default: ignored. */
    default void setSensitivity(double sensitivity) {
    }

    /** Frees native resources. */
    @Override
    default void close() {
    }
}
