package io.gridsense.agent.onvif;

/** A stored PTZ position (GetPresets). */
public record PtzPreset(String token, String name) {
}
