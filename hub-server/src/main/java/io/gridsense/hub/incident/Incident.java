package io.gridsense.hub.incident;

import io.gridsense.protocol.AlertType;
import java.time.Instant;

/**
 * A grid incident (案件): one or more alerts of one camera and type (or a manual report), and where it stands
 * in the loop ({@link IncidentLoop}, serialised as the nested "loop" object).
 */
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
        Instant acceptedAt,
        IncidentLoop loop) {

    /** An alert-born incident with a fresh loop (the foundation's shape, kept for callers and tests). */
    public Incident(String id, AlertType type, IncidentState state, String gridCode, String cameraId, Double lat,
                    Double lon, Instant firstAlertAt, Instant lastAlertAt, int alertCount, int peopleCount,
                    String snapshotUri, Instant createdAt, String acceptedBy, Instant acceptedAt) {
        this(id, type, state, gridCode, cameraId, lat, lon, firstAlertAt, lastAlertAt, alertCount, peopleCount,
                snapshotUri, createdAt, acceptedBy, acceptedAt, IncidentLoop.fresh("ALERT", type.name(), null, "system", null));
    }

    /** The same incident in another state with another loop. */
    public Incident with(IncidentState newState, IncidentLoop newLoop) {
        return new Incident(id, type, newState, gridCode, cameraId, lat, lon, firstAlertAt, lastAlertAt, alertCount,
                peopleCount, snapshotUri, createdAt, acceptedBy, acceptedAt, newLoop);
    }

    /** The same incident, accepted. */
    public Incident accepted(String by, Instant at) {
        return new Incident(id, type, IncidentState.ACCEPTED, gridCode, cameraId, lat, lon, firstAlertAt, lastAlertAt,
                alertCount, peopleCount, snapshotUri, createdAt, by, at, loop);
    }
}
