package io.gridsense.hub.worker;

import java.time.Instant;

/**
 * A gridworker (网格员): the grid they own, duty status and last known position (null until reported).
 */
public record Worker(String id, String name, String gridCode, String phone, boolean onDuty,
                     Double lat, Double lon, Instant positionAt) {

    /** Whether the worker has a last known position. */
    public boolean hasPosition() {
        return lat != null && lon != null;
    }
}
