package io.gridsense.hub.grid;

/** Great-circle distances on the WGS-84 mean sphere. */
public final class GeoMath {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private GeoMath() {
    }

    /** Haversine distance in metres; accurate to well under a metre at city scale. */
    public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
