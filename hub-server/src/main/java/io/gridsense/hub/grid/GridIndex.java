package io.gridsense.hub.grid;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * An immutable point-in-polygon index over all grids (JTS STRtree of prepared polygons). When several grids
 * contain a point (a community and its grids), the deepest level wins.
 */
public final class GridIndex {

    private record Entry(Grid grid, PreparedGeometry shape) {
    }

    private final STRtree tree = new STRtree();
    private final java.util.Map<String, Grid> byCode = new java.util.HashMap<>();
    private final int size;

    /** Builds the index; a grid whose geometry cannot be read is an IllegalArgumentException naming its code. */
    public GridIndex(List<Grid> grids, ObjectMapper mapper) {
        for (Grid g : grids) {
            Geometry geometry;
            try {
                geometry = GeoJson.toGeometry(mapper.readTree(g.geometry()));
            } catch (IOException e) {
                throw new UncheckedIOException("grid " + g.code() + ": unreadable geometry", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("grid " + g.code() + ": " + e.getMessage(), e);
            }
            byCode.put(g.code(), g);
            tree.insert(geometry.getEnvelopeInternal(), new Entry(g, PreparedGeometryFactory.prepare(geometry)));
        }
        tree.build();
        size = grids.size();
    }

    /** The most specific grid containing the point (boundary counts as inside), if any. */
    public Optional<Grid> locate(double lat, double lon) {
        Geometry p = GeoJson.point(lat, lon);
        @SuppressWarnings("unchecked")
        List<Entry> candidates = tree.query(new Envelope(lon, lon, lat, lat));
        return candidates.stream()
                .filter(e -> e.shape().covers(p))
                .max(Comparator.comparingInt((Entry e) -> e.grid().level().depth()).thenComparing(e -> e.grid().code()))
                .map(Entry::grid);
    }

    /** The grid with a code, if indexed. */
    public Optional<Grid> byCode(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    /** How many grids the index holds. */
    public int size() {
        return size;
    }
}
