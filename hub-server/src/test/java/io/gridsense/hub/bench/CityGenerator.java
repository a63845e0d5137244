package io.gridsense.hub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridsense.hub.grid.Grid;
import io.gridsense.hub.grid.GridLevel;
import io.gridsense.hub.worker.Worker;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A synthetic city at the scale of the seeds: micro-grids that tile the plane as jittered octagons (neighbours
 * share their corners and edge midpoints, so every point falls in exactly one), grouped 2×2 into grids, 8×8
 * into communities, 32×32 into streets and 128×128 into districts (rectangles), and gridworkers scattered over
 * it, 80 % on duty. {@code main(out.json, microGrids, workers)} writes it as a district file.
 */
public final class CityGenerator {

    static final double LAT0 = 30.0;
    static final double LON0 = 120.0;
    static final double DLAT = 0.0015;   // ≈ 167 m
    static final double DLON = 0.0018;   // ≈ 173 m at 30° N

    /** The generated city and its bounding box. */
    public record City(List<Grid> grids, List<Worker> workers, int rows, int cols, double maxLat, double maxLon) {
    }

    private CityGenerator() {
    }

    public static City generate(int microGrids, int workerCount, long seed) {
        int cols = (int) Math.ceil(Math.sqrt(microGrids));
        int rows = (int) Math.ceil((double) microGrids / cols);
        List<Grid> grids = new ArrayList<>(microGrids + microGrids / 3);
        addBlocks(grids, rows, cols, 128, GridLevel.DISTRICT);
        addBlocks(grids, rows, cols, 32, GridLevel.STREET);
        addBlocks(grids, rows, cols, 8, GridLevel.COMMUNITY);
        addBlocks(grids, rows, cols, 2, GridLevel.GRID);
        int n = 0;
        for (int i = 0; i < rows && n < microGrids; i++) {
            for (int j = 0; j < cols && n < microGrids; j++, n++) {
                grids.add(new Grid(microCode(i, j), "微网格 " + i + "-" + j, GridLevel.MICROGRID, blockCode(i, j, 2, GridLevel.GRID),
                        octagon(i, j)));
            }
        }
        Random r = new Random(seed);
        List<Worker> workers = new ArrayList<>(workerCount);
        double maxLat = LAT0 + rows * DLAT;
        double maxLon = LON0 + cols * DLON;
        Instant now = Instant.now();
        for (int w = 0; w < workerCount; w++) {
            double lat = LAT0 + r.nextDouble() * rows * DLAT;
            double lon = LON0 + r.nextDouble() * cols * DLON;
            int i = (int) ((lat - LAT0) / DLAT);
            int j = (int) ((lon - LON0) / DLON);
            workers.add(new Worker("cw-" + w, "网格员 " + w, blockCode(i, j, 2, GridLevel.GRID), null, r.nextDouble() < 0.8,
                    lat, lon, now));
        }
        return new City(grids, workers, rows, cols, maxLat, maxLon);
    }

    private static void addBlocks(List<Grid> out, int rows, int cols, int size, GridLevel level) {
        GridLevel parent = level == GridLevel.DISTRICT ? null : GridLevel.values()[level.ordinal() - 1];
        int parentSize = switch (level) {
            case STREET -> 128;
            case COMMUNITY -> 32;
            case GRID -> 8;
            default -> 0;
        };
        for (int i = 0; i < rows; i += size) {
            for (int j = 0; j < cols; j += size) {
                String geometry = rect(LAT0 + i * DLAT, LON0 + j * DLON, LAT0 + Math.min(rows, i + size) * DLAT,
                        LON0 + Math.min(cols, j + size) * DLON);
                out.add(new Grid(blockCode(i, j, size, level), level.wireName() + " " + i / size + "-" + j / size, level,
                        parent == null ? null : blockCode(i, j, parentSize, parent), geometry));
            }
        }
    }

    static String blockCode(int i, int j, int size, GridLevel level) {
        return String.format(Locale.ROOT, "%s-%d-%d", level.wireName().charAt(0), i / size, j / size);
    }

    static String microCode(int i, int j) {
        return "m-" + i + "-" + j;
    }

    /** Deterministic jitter in [-1, 1) of a lattice point or edge. */
    private static double jitter(long a, long b, long salt) {
        long h = a * 0x9E3779B97F4A7C15L ^ b * 0xC2B2AE3D27D4EB4FL ^ salt * 0x165667B19E3779F9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return ((h >>> 11) * 0x1.0p-53) * 2 - 1;
    }

    private static double[] corner(int i, int j) {
        return new double[] {LON0 + (j + 0.25 * jitter(i, j, 1)) * DLON, LAT0 + (i + 0.25 * jitter(i, j, 2)) * DLAT};
    }

    private static double[] mid(double[] a, double[] b, long i, long j, long salt) {
        return new double[] {(a[0] + b[0]) / 2 + 0.1 * DLON * jitter(i, j, salt), (a[1] + b[1]) / 2 + 0.1 * DLAT * jitter(i, j, salt + 1)};
    }

    private static String octagon(int i, int j) {
        double[] sw = corner(i, j);
        double[] se = corner(i, j + 1);
        double[] ne = corner(i + 1, j + 1);
        double[] nw = corner(i + 1, j);
        double[][] ring = {sw, mid(sw, se, i, j, 10), se, mid(se, ne, i, j + 1, 20), ne, mid(nw, ne, i + 1, j, 10), nw,
            mid(sw, nw, i, j, 20), sw};
        StringBuilder b = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int k = 0; k < ring.length; k++) {
            b.append(k == 0 ? "" : ",").append('[').append(ring[k][0]).append(',').append(ring[k][1]).append(']');
        }
        return b.append("]]}").toString();
    }

    private static String rect(double lat1, double lon1, double lat2, double lon2) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + lon1 + "," + lat1 + "],[" + lon2 + "," + lat1 + "],[" + lon2 + ","
                + lat2 + "],[" + lon1 + "," + lat2 + "],[" + lon1 + "," + lat1 + "]]]}";
    }

    /** Writes a district file: {@code CityGenerator out.json [microGrids] [workers]}. */
    public static void main(String[] args) throws Exception {
        int micro = args.length > 1 ? Integer.parseInt(args[1]) : 126_449;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 150_000;
        City city = generate(micro, workers, 7);
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ObjectNode fc = root.putObject("grids").put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        for (Grid g : city.grids()) {
            ObjectNode f = features.addObject().put("type", "Feature");
            f.putObject("properties").put("code", g.code()).put("name", g.name()).put("level", g.level().wireName())
                    .put("parent", g.parentCode());
            f.set("geometry", m.readTree(g.geometry()));
        }
        ArrayNode ws = root.putArray("workers");
        for (Worker w : city.workers()) {
            ws.addObject().put("id", w.id()).put("name", w.name()).put("grid", w.gridCode()).put("onDuty", w.onDuty())
                    .put("lat", w.lat()).put("lon", w.lon());
        }
        Path out = Path.of(args.length > 0 ? args[0] : "target/city.json");
        try (OutputStream os = Files.newOutputStream(out)) {
            m.writeValue(os, root);
        }
        System.out.printf(Locale.ROOT, "city: %d grids (%d micro-grids), %d workers -> %s (%d MB)%n", city.grids().size(),
                micro, workers, out, Files.size(out) / 1_000_000);
    }
}
