package io.gridsense.hub.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridsense.hub.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushTargetSelectorTest {

    private static Worker w(String id, String grid, boolean onDuty, Double lat, Double lon) {
        return new Worker(id, id, grid, null, onDuty, lat, lon, null);
    }

    // incident at the SW demo camera; 0.001° lat ≈ 111 m
    private static final double LAT = 30.27175;
    private static final double LON = 120.152;

    private final List<Worker> workers = List.of(
            w("owner-far", "G1", true, LAT + 0.03, LON),          // ~3.3 km away, but it is their grid
            w("owner-off", "G1", false, LAT, LON),                // off duty: never
            w("n1", "G2", true, LAT + 0.001, LON),                // ~111 m
            w("n2", "G2", true, LAT + 0.002, LON),                // ~222 m
            w("n3", "G3", true, LAT + 0.003, LON),                // ~333 m
            w("n4", "G3", true, LAT + 0.004, LON),                // ~444 m: fourth nearest
            w("off-near", "G2", false, LAT + 0.0001, LON),        // off duty, right there
            w("outside", "G4", true, LAT + 0.02, LON),            // ~2.2 km: beyond the radius
            w("nopos", "G4", true, null, null));

    @Test
    void gridOwnersPlusKNearestWithinRadius() {
        List<PushTarget> t = new PushTargetSelector(1500, 3).select("G1", LAT, LON, workers);
        assertThat(t).extracting(x -> x.worker().id()).containsExactly("owner-far", "n1", "n2", "n3");
        assertThat(t.get(0).reason()).isEqualTo(PushReason.GRID_OWNER);
        assertThat(t.get(0).distanceMeters()).isBetween(3300.0, 3400.0);
        assertThat(t.get(1).reason()).isEqualTo(PushReason.NEAREST);
        assertThat(t.get(1).distanceMeters()).isBetween(105.0, 117.0);
    }

    @Test
    void anOwnerWhoIsAlsoNearIsPushedOnceAsOwner() {
        List<PushTarget> t = new PushTargetSelector(1500, 3).select("G2", LAT, LON, workers);
        assertThat(t).extracting(x -> x.worker().id()).containsExactly("n1", "n2", "n3");
        assertThat(t).extracting(PushTarget::reason)
                .containsExactly(PushReason.GRID_OWNER, PushReason.GRID_OWNER, PushReason.NEAREST);
    }

    @Test
    void radiusLimitsTheNearest() {
        List<PushTarget> t = new PushTargetSelector(250, 10).select(null, LAT, LON, workers);
        assertThat(t).extracting(x -> x.worker().id()).containsExactly("n1", "n2");
    }

    @Test
    void noLocationMeansOwnersOnly() {
        List<PushTarget> t = new PushTargetSelector(1500, 3).select("G4", null, null, workers);
        assertThat(t).extracting(x -> x.worker().id()).containsExactly("outside", "nopos");
        assertThat(t).allMatch(x -> x.distanceMeters() == -1);
    }
}
