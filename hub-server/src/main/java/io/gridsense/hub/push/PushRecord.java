package io.gridsense.hub.push;

import java.time.Instant;

/** A stored push: to whom, for which incident, when, and whether it has been acknowledged. */
public record PushRecord(String pushId, String incidentId, String workerId, Instant sentAt, double distanceMeters,
                         PushReason reason, Instant ackedAt) {
}
