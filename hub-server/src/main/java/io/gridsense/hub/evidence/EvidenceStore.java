package io.gridsense.hub.evidence;

import java.util.Optional;

/**
 * Where evidence bytes live, by key ({@code evidence/{alertId}/snapshot.jpg}, {@code cameras/{cameraId}/snapshot.jpg}).
 * Files under the data folder by default; an S3-compatible store replaces it at scale.
 */
public interface EvidenceStore {

    /** Stores (replaces) the bytes under a key. */
    void put(String key, byte[] bytes);

    /** The bytes under a key, if any. */
    Optional<byte[]> get(String key);

    /** The key of an alert's snapshot. */
    static String alertSnapshot(String alertId) {
        return "evidence/" + alertId + "/snapshot.jpg";
    }

    /** The key of an alert's evidence clip (MP4 cut from the camera's main stream). */
    static String alertClip(String alertId) {
        return "evidence/" + alertId + "/clip.mp4";
    }

    /** The key of a camera's latest live tile. */
    static String cameraSnapshot(String cameraId) {
        return "cameras/" + cameraId + "/snapshot.jpg";
    }
}
