package io.gridsense.protocol;

import java.time.Instant;
import java.util.List;

/**
 * An agent's retained status on {@code .../agents/{agentId}/status}; the MQTT last will publishes
 * the same record with {@code online=false}.
 */
public record AgentStatus(
        int schemaVersion,
        String agentId,
        String site,
        boolean online,
        String version,
        long uptimeSeconds,
        Instant reportedAt,
        List<CameraSummary> cameras) {

    public AgentStatus {
        cameras = cameras == null ? List.of() : List.copyOf(cameras);
    }
}
