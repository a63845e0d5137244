package io.gridsense.protocol;

import java.time.Instant;

/**
 * A camera's retained status on {@code .../cameras/{cameraId}/status}: whether frames arrive, at what
 * rates, and the last error in plain words.
 */
public record CameraStatus(
        int schemaVersion,
        String agentId,
        String cameraId,
        boolean online,
        String codec,
        int width,
        int height,
        double fpsIn,
        double fpsAnalysed,
        Instant lastFrameAt,
        String lastError,
        GeoPoint location,
        String name,
        Instant reportedAt) {
}
