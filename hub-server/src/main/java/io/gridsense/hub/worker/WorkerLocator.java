package io.gridsense.hub.worker;

import io.gridsense.hub.grid.GeoMath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The on-duty gridworkers with a known position, in memory, bucketed in cells of about 1 km so that the
 * nearest K within a radius is a look at a few cells, not a scan of 150,000 workers. Updated at once for
 * positions and duty changes this hub receives, and refreshed from the database for those other hubs received.
 */
public final class WorkerLocator {

    /** One candidate and its distance in metres. */
    public record Near(Worker worker, double distanceMeters) {
    }

    private static final double CELL_DEG = 0.01; // ≈ 1.1 km of latitude; longitude cells shrink with cos(lat)

    private final Map<Long, Map<String, Worker>> cells = new ConcurrentHashMap<>();
    private final Map<String, Long> cellOf = new ConcurrentHashMap<>();

    private static long key(int row, int col) {
        return ((long) row << 32) ^ (col & 0xffffffffL);
    }

    private static int row(double lat) {
        return (int) Math.floor(lat / CELL_DEG);
    }

    private static int col(double lon) {
        return (int) Math.floor(lon / CELL_DEG);
    }

    /** Adds, moves or (off duty, no position) removes a worker. */
    public void put(Worker w) {
        Long old = cellOf.remove(w.id());
        if (old != null) {
            Map<String, Worker> c = cells.get(old);
            if (c != null) {
                c.remove(w.id());
            }
        }
        if (!w.onDuty() || !w.hasPosition()) {
            return;
        }
        long k = key(row(w.lat()), col(w.lon()));
        cells.computeIfAbsent(k, x -> new ConcurrentHashMap<>()).put(w.id(), w);
        cellOf.put(w.id(), k);
    }

    /** Replaces the whole content (a full reload). */
    public void replaceAll(List<Worker> workers) {
        cells.clear();
        cellOf.clear();
        workers.forEach(this::put);
    }

    /** How many on-duty workers with a position are indexed. */
    public int size() {
        return cellOf.size();
    }

    /**
     * The nearest on-duty workers within radius, nearest first, at most k, skipping the excluded ids. Candidates
     * are screened with a flat-earth distance (exact to well under 1 % at 1.5 km) kept in a small top-k array, so
     * a query allocates almost nothing; the k chosen get their great-circle distance.
     */
    public List<Near> nearest(double lat, double lon, double radiusMeters, int k, Set<String> exclude) {
        if (k <= 0) {
            return List.of();
        }
        double cos = Math.max(0.01, Math.cos(Math.toRadians(lat)));
        double mLat = 111_132.0;
        double mLon = 111_320.0 * cos;
        double dLat = radiusMeters / mLat;
        double dLon = radiusMeters / mLon;
        double r2 = radiusMeters * radiusMeters * 1.0001;
        Worker[] best = new Worker[k];
        double[] bestD2 = new double[k];
        int n = 0;
        for (int r = row(lat - dLat); r <= row(lat + dLat); r++) {
            for (int c = col(lon - dLon); c <= col(lon + dLon); c++) {
                Map<String, Worker> cell = cells.get(key(r, c));
                if (cell == null) {
                    continue;
                }
                for (Worker w : cell.values()) {
                    double dy = (w.lat() - lat) * mLat;
                    double dx = (w.lon() - lon) * mLon;
                    double d2 = dx * dx + dy * dy;
                    if (d2 > r2 || (n == k && d2 >= bestD2[k - 1]) || exclude.contains(w.id())) {
                        continue;
                    }
                    int at = n < k ? n++ : k - 1; // insertion into the sorted top-k
                    while (at > 0 && (bestD2[at - 1] > d2 || (bestD2[at - 1] == d2 && best[at - 1].id().compareTo(w.id()) > 0))) {
                        bestD2[at] = bestD2[at - 1];
                        best[at] = best[at - 1];
                        at--;
                    }
                    bestD2[at] = d2;
                    best[at] = w;
                }
            }
        }
        List<Near> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double d = GeoMath.distanceMeters(lat, lon, best[i].lat(), best[i].lon());
            if (d <= radiusMeters) {
                out.add(new Near(best[i], d));
            }
        }
        out.sort(Comparator.comparingDouble(Near::distanceMeters).thenComparing(x -> x.worker().id()));
        return out;
    }
}
