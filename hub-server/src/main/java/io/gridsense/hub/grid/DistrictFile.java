package io.gridsense.hub.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridsense.hub.worker.Worker;
import io.gridsense.protocol.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A district file: the grids of a district and its gridworkers, in one JSON document.
 *
 * <pre>{@code
 * {
 *   "grids": {                                   // a GeoJSON FeatureCollection
 *     "type": "FeatureCollection",
 *     "features": [
 *       { "type": "Feature",
 *         "properties": { "code": "330106001001-01",       // unique, 1..64 chars
 *                         "name": "西溪社区第一网格",
 *                         "level": "grid",                  // district|street|community|grid|microgrid
 *                         "parent": "330106001001" },       // code of the enclosing grid, null at the top
 *         "geometry": { "type": "Polygon", "coordinates": [[[120.150, 30.270], ...]] } }   // [lon, lat], WGS-84
 *     ] },
 *   "workers": [
 *     { "id": "w-01",                    // [A-Za-z0-9_-]{1,64}: also the MQTT push topic and page URL
 *       "name": "张伟", "grid": "330106001001-01", "phone": "13800000001",
 *       "onDuty": true, "lat": 30.2712, "lon": 120.1515 }     // lat/lon optional: last known position
 *   ]
 * }
 * }</pre>
 *
 * Geometries may be Polygon or MultiPolygon. Importing is an upsert by code / id, so a file can be loaded again.
 */
public record DistrictFile(List<Grid> grids, List<Worker> workers) {

    /** Parses and checks a district file with free grid codes ({@link GridCodeScheme#FREE}). */
    public static DistrictFile parse(InputStream in, ObjectMapper mapper, Instant now) throws IOException {
        return parse(in, mapper, now, GridCodeScheme.FREE);
    }

    /**
     * Parses and checks a district file; a problem is an IllegalArgumentException naming the feature, grid or
     * worker. Under a code scheme every grid code must follow it, a level or parent given in the file must be the
     * one the code implies, and a missing level or parent is derived from the code.
     */
    public static DistrictFile parse(InputStream in, ObjectMapper mapper, Instant now, GridCodeScheme scheme)
            throws IOException {
        JsonNode root = mapper.readTree(in);
        if (root == null || !root.path("grids").path("features").isArray()) {
            throw new IllegalArgumentException("district file needs grids.features (a GeoJSON FeatureCollection)");
        }
        List<Grid> grids = new ArrayList<>();
        int i = 0;
        for (JsonNode f : root.path("grids").path("features")) {
            JsonNode p = f.path("properties");
            String code = text(p, "code");
            if (code == null || code.isEmpty() || code.length() > 64) {
                throw new IllegalArgumentException("feature " + i + ": properties.code is required (≤ 64 chars)");
            }
            JsonNode geometry = f.path("geometry");
            GeoJson.toGeometry(geometry); // fail early, with the code in the message
            String level = text(p, "level");
            grids.add(scheme.check(new Grid(code, text(p, "name") == null ? code : text(p, "name"),
                    GridLevel.parse(level == null ? "grid" : level), text(p, "parent"), mapper.writeValueAsString(geometry)),
                    level != null));
            i++;
        }
        List<Worker> workers = new ArrayList<>();
        for (JsonNode w : root.path("workers")) {
            String id = text(w, "id");
            if (!Topic.isId(id)) {
                throw new IllegalArgumentException("worker id '" + id + "' must be 1..64 of [A-Za-z0-9_-]");
            }
            boolean hasPos = w.hasNonNull("lat") && w.hasNonNull("lon");
            workers.add(new Worker(id, text(w, "name") == null ? id : text(w, "name"), text(w, "grid"), text(w, "phone"),
                    w.path("onDuty").asBoolean(false), hasPos ? w.get("lat").asDouble() : null,
                    hasPos ? w.get("lon").asDouble() : null, hasPos ? now : null));
        }
        return new DistrictFile(List.copyOf(grids), List.copyOf(workers));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
