package io.gridsense.agent.onvif.device;

/** A stream the agent hands out as an ONVIF media profile: token, name, RTSP URI, encoding, size, rate, PTZ. */
public record PublishedStream(String token, String name, String rtspUri, String encoding, int width, int height,
                              int fps, boolean ptz) {
}
