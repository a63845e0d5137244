package io.gridsense.hub;

import io.gridsense.protocol.Alert;
import io.gridsense.protocol.AlertType;
import io.gridsense.protocol.EvidenceRef;
import io.gridsense.protocol.GeoPoint;
import io.gridsense.protocol.NormPoint;
import java.time.Instant;
import java.util.List;

/** Alerts and positions for tests; the demo cameras stand at the centres of the four demo grids. */
public final class TestData {

    public static final GeoPoint SW = new GeoPoint(30.27175, 120.152);
    public static final GeoPoint SE = new GeoPoint(30.27175, 120.156);
    public static final GeoPoint NW = new GeoPoint(30.27525, 120.152);
    public static final GeoPoint NE = new GeoPoint(30.27525, 120.156);

    private TestData() {
    }

    public static Alert alert(String alertId, String site, String agentId, String cameraId, AlertType type,
                              Instant detectedAt, int people, GeoPoint where) {
        return new Alert(1, alertId, site, agentId, cameraId, type, detectedAt.minusSeconds(8), detectedAt, 0.9, people,
                List.of(new NormPoint(0.1, 0.1), new NormPoint(0.6, 0.1), new NormPoint(0.6, 0.8)), where,
                List.of(new EvidenceRef(EvidenceRef.SNAPSHOT, "/api/evidence/" + alertId + "/snapshot.jpg")),
                "hog-1", "gathering-default", "1");
    }
}
