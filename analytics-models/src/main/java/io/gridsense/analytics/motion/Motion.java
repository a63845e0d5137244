package io.gridsense.analytics.motion;

import io.gridsense.analytics.Box;
import java.util.List;

/** What the motion gate saw in one frame: the share of pixels in motion and the moving blobs (normalised). */
public record Motion(double fraction, List<Box> boxes) {
    public Motion {
        boxes = List.copyOf(boxes);
    }
}
