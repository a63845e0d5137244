package io.gridsense.protocol;

import java.time.Instant;

/**
 * A camera's retained status on {@code .../cameras/{cameraId}/status}: whether frames arrive, at what
 * rates, and the last error in plain words. The last four fields are optional (null from older agents):
 * decoded rate, frames the decoder flagged corrupt, reconnects since start, and since when it is offline.
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
        Instant reportedAt,
        Double fpsDecoded,
        Long framesCorrupt,
        Long reconnects,
        Instant offlineSince) {

    /** A status without the optional counters. */
    public CameraStatus(int schemaVersion, String agentId, String cameraId, boolean online, String codec, int width,
                        int height, double fpsIn, double fpsAnalysed, Instant lastFrameAt, String lastError,
                        GeoPoint location, String name, Instant reportedAt) {
        this(schemaVersion, agentId, cameraId, online, codec, width, height, fpsIn, fpsAnalysed, lastFrameAt, lastError,
                location, name, reportedAt, null, null, null, null);
    }
}
