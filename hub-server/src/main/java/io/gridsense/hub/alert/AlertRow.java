package io.gridsense.hub.alert;

import java.time.Instant;

/** A stored alert as listed on the API (the raw message stays in the database). */
public record AlertRow(String alertId, String site, String agentId, String cameraId, String type, Instant startedAt,
                       Instant detectedAt, double confidence, int peopleCount, Instant receivedAt, String incidentId) {
}
