package io.gridsense.protocol;

import java.time.Instant;

/**
 * A nearby-incident push to one gridworker, on {@code gridsense/v1/push/workers/{workerId}} and on the
 * worker's WebSocket.
 */
public record WorkerPush(
        int schemaVersion,
        String pushId,
        String workerId,
        String incidentId,
        String alertId,
        AlertType type,
        String gridCode,
        String gridName,
        String cameraId,
        GeoPoint location,
        double distanceMeters,
        String reason,
        String snapshotUrl,
        Instant sentAt) {
}
