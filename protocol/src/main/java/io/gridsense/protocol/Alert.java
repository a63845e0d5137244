package io.gridsense.protocol;

import java.time.Instant;
import java.util.List;

/**
 * One alert from an edge agent, as carried on {@code gridsense/v1/{site}/agents/{agentId}/alerts}.
 * The alert id is chosen at the edge and is globally unique; the hub is idempotent on it.
 */
public record Alert(
        int schemaVersion,
        String alertId,
        String site,
        String agentId,
        String cameraId,
        AlertType type,
        Instant startedAt,
        Instant detectedAt,
        double confidence,
        int peopleCount,
        List<NormPoint> region,
        GeoPoint location,
        List<EvidenceRef> evidence,
        String modelVersion,
        String ruleId,
        String ruleVersion) {

    public Alert {
        region = region == null ? List.of() : List.copyOf(region);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** A copy with other evidence references, e.g. once the snapshot has been uploaded. */
    public Alert withEvidence(List<EvidenceRef> refs) {
        return new Alert(schemaVersion, alertId, site, agentId, cameraId, type, startedAt, detectedAt,
                confidence, peopleCount, region, location, refs, modelVersion, ruleId, ruleVersion);
    }
}
