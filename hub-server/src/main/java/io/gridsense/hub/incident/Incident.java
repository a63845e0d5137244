package io.gridsense.hub.incident;

import io.gridsense.protocol.AlertType;
import java.time.Instant;

/** A grid incident (案件): one or more alerts of one camera and type, and where it stands in the loop. */
public record Incident(
        String id,
        AlertType type,
        IncidentState state,
        String gridCode,
        String cameraId,
        Double lat,
        Double lon,
        Instant firstAlertAt,
        Instant lastAlertAt,
        int alertCount,
        int peopleCount,
        String snapshotUri,
        Instant createdAt,
        String acceptedBy,
        Instant acceptedAt) {
}
