package io.gridsense.hub.incident;

import java.time.Instant;

/**
 * One labelled negative for the detection training: an alert that a person judged a false alarm, with its raw
 * alert JSON (camera, region, confidence, model and rule versions) and the path of its snapshot.
 */
public record FalseAlarmSample(long id, String incidentId, String alertId, String cameraId, String type, String label,
                               String verdictBy, Instant verdictAt, String note, String snapshotUri, String alertJson) {
}
