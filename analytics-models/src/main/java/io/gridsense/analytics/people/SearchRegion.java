package io.gridsense.analytics.people;

import io.gridsense.analytics.Box;

/**
 * Where a detector should look for people and how tall they can be there (all normalised to the frame): the area
 * is a track's box or a motion blob, the heights bound the person it may hold (a blob may be part of a person or
 * several people at different depths, so its range is wider than a track's).
 */
public record SearchRegion(Box area, double minHeight, double maxHeight) {
    public SearchRegion {
        if (!(minHeight > 0) || !(maxHeight >= minHeight)) {
            throw new IllegalArgumentException("need 0 < minHeight <= maxHeight, got " + minHeight + ".." + maxHeight);
        }
    }
}
