package io.gridsense.hub.push;

import io.gridsense.hub.grid.GeoMath;
import io.gridsense.hub.worker.Worker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses who hears of a new incident: every on-duty worker of the incident's grid (whatever the distance —
 * it is their grid), plus the K nearest on-duty workers within the radius. The two sets are united without
 * duplicates; a worker in both keeps the reason GRID_OWNER. Off-duty workers are never chosen, and a worker
 * without a known position can only be chosen as grid owner.
 */
public final class PushTargetSelector {

    private final double radiusMeters;
    private final int nearestK;

    public PushTargetSelector(double radiusMeters, int nearestK) {
        this.radiusMeters = radiusMeters;
        this.nearestK = nearestK;
    }

    public double radiusMeters() {
        return radiusMeters;
    }

    public int nearestK() {
        return nearestK;
    }

    /** The targets, grid owners first, then by distance. */
    public List<PushTarget> select(String gridCode, Double lat, Double lon, List<Worker> workers) {
        Map<String, PushTarget> chosen = new LinkedHashMap<>();
        for (Worker w : workers) {
            if (w.onDuty() && gridCode != null && gridCode.equals(w.gridCode())) {
                chosen.put(w.id(), new PushTarget(w, distance(w, lat, lon), PushReason.GRID_OWNER));
            }
        }
        if (lat != null && lon != null) {
            List<PushTarget> near = new ArrayList<>();
            for (Worker w : workers) {
                if (w.onDuty() && w.hasPosition()) {
                    double d = GeoMath.distanceMeters(lat, lon, w.lat(), w.lon());
                    if (d <= radiusMeters) {
                        near.add(new PushTarget(w, d, PushReason.NEAREST));
                    }
                }
            }
            near.sort(Comparator.comparingDouble(PushTarget::distanceMeters).thenComparing(t -> t.worker().id()));
            near.stream().limit(nearestK).forEach(t -> chosen.putIfAbsent(t.worker().id(), t));
        }
        return List.copyOf(chosen.values());
    }

    private static double distance(Worker w, Double lat, Double lon) {
        if (lat == null || lon == null || !w.hasPosition()) {
            return -1;
        }
        return GeoMath.distanceMeters(lat, lon, w.lat(), w.lon());
    }
}
