package io.gridsense.hub.grid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/** Reads GeoJSON Polygon and MultiPolygon geometries into JTS (x = lon, y = lat). */
public final class GeoJson {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private GeoJson() {
    }

    /** Converts a GeoJSON geometry object; throws IllegalArgumentException for other types or bad rings. */
    public static Geometry toGeometry(JsonNode geometry) {
        if (geometry == null || !geometry.isObject()) {
            throw new IllegalArgumentException("geometry must be a GeoJSON object");
        }
        String type = geometry.path("type").asText();
        JsonNode coords = geometry.path("coordinates");
        return switch (type) {
            case "Polygon" -> polygon(coords);
            case "MultiPolygon" -> {
                List<Polygon> parts = new ArrayList<>();
                for (JsonNode p : coords) {
                    parts.add(polygon(p));
                }
                yield FACTORY.createMultiPolygon(parts.toArray(Polygon[]::new));
            }
            default -> throw new IllegalArgumentException("unsupported geometry type '" + type + "': Polygon or MultiPolygon");
        };
    }

    private static Polygon polygon(JsonNode rings) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException("a polygon needs at least one ring");
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode positions) {
        List<Coordinate> cs = new ArrayList<>();
        for (JsonNode p : positions) {
            if (!p.isArray() || p.size() < 2) {
                throw new IllegalArgumentException("a position is [lon, lat]");
            }
            cs.add(new Coordinate(p.get(0).asDouble(), p.get(1).asDouble()));
        }
        if (cs.size() >= 1 && !cs.get(0).equals2D(cs.get(cs.size() - 1))) {
            cs.add(new Coordinate(cs.get(0))); // GeoJSON rings must close; tolerate files that forget
        }
        if (cs.size() < 4) {
            throw new IllegalArgumentException("a ring needs at least 4 positions");
        }
        return FACTORY.createLinearRing(cs.toArray(Coordinate[]::new));
    }

    /** A JTS point at a WGS-84 position. */
    public static Geometry point(double lat, double lon) {
        return FACTORY.createPoint(new Coordinate(lon, lat));
    }
}
