package io.gridsense.analytics.behavior;

import io.gridsense.analytics.Box;
import java.time.Instant;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * What the analyzers get for one frame: the tracked people and motion blobs (normalised boxes), the size of the
 * analysed frame (for aspect-correct distances) and the small blurred grey frame, owned by the pipeline and
 * valid only during the call (may be null in unit tests).
 */
public record FrameContext(Instant at, int width, int height, double motionFraction, List<Box> people,
                           List<Box> motionBoxes, Mat grey) {
    public FrameContext {
        people = List.copyOf(people);
        motionBoxes = List.copyOf(motionBoxes);
    }
}
