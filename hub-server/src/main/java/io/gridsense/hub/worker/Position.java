package io.gridsense.hub.worker;

import java.time.Instant;

/** One reported position of a gridworker (WGS-84), with the phone's accuracy estimate when it gave one. */
public record Position(Instant at, double lat, double lon, Double accuracyMeters) {

    public Position {
        if (at == null || Double.isNaN(lat) || lat < -90 || lat > 90 || Double.isNaN(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("a position needs a time, -90 ≤ lat ≤ 90 and -180 ≤ lon ≤ 180");
        }
    }
}
