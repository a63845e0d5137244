package io.gridsense.hub.camera;

import java.time.Instant;

/**
 * A camera as the hub knows it: owner agent, position and grid, whether frames arrive, and its last status
 * message (JSON text, null until one arrives).
 */
public record Camera(String cameraId, String agentId, String site, String name, Double lat, Double lon,
                     String gridCode, boolean online, String lastStatus, Instant updatedAt) {

    /** Whether the camera's position is known. */
    public boolean hasLocation() {
        return lat != null && lon != null;
    }
}
