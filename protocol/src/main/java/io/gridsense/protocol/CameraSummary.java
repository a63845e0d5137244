package io.gridsense.protocol;

/** One camera's line in an agent's status: its id and whether it is delivering frames. */
public record CameraSummary(String cameraId, boolean online) {
}
