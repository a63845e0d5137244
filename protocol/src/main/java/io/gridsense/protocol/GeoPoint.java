package io.gridsense.protocol;

/** A WGS-84 position in degrees. */
public record GeoPoint(double lat, double lon) {
    public GeoPoint {
        if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("not a WGS-84 position: lat=" + lat + " lon=" + lon);
        }
    }
}
